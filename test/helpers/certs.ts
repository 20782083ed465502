import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCert {
  certFile: string;
  keyFile: string;
  cert: Buffer;
  key: Buffer;
}

/**
 * Makes self-signed certificates with the openssl CLI in a temporary folder (removed by
 * `cleanup`). Each is its own CA, so passing `cert` as `ca` trusts exactly that one.
 */
export class TestCerts {
  readonly dir = mkdtempSync(join(tmpdir(), 'siptool-certs-'));
  private n = 0;

  make(options: { cn: string; san?: string; days?: number }): TestCert {
    const base = join(this.dir, `c${this.n++}`);
    const keyFile = `${base}.key`;
    const certFile = `${base}.crt`;
    const cfg = `${base}.cnf`;
    writeFileSync(
      cfg,
      [
        '[req]',
        'distinguished_name=dn',
        'x509_extensions=ext',
        'prompt=no',
        '[dn]',
        `CN=${options.cn}`,
        'O=siptool test',
        '[ext]',
        'basicConstraints=critical,CA:TRUE',
        'keyUsage=digitalSignature,keyEncipherment,keyCertSign',
        'extendedKeyUsage=serverAuth,clientAuth',
        ...(options.san ? [`subjectAltName=${options.san}`] : []),
        '',
      ].join('\n'),
    );
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', String(options.days ?? 30), '-config', cfg], { stdio: 'pipe', timeout: 20000 });
    return { certFile, keyFile, cert: readFileSync(certFile), key: readFileSync(keyFile) };
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
