import { ExitError, UsageError } from '../cli-errors.js';
import { EXIT } from '../exit-codes.js';

/**
 * The digest password for --user: SIPTOOL_PASSWORD, or a prompt on the terminal with no echo.
 * Never from the command line (it would show in `ps` and shell history) and never printed.
 */
export async function readPassword(user: string, env: NodeJS.ProcessEnv = process.env, stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr): Promise<string> {
  const fromEnv = env.SIPTOOL_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') {
    throw new UsageError(`--user ${user} needs a password: set SIPTOOL_PASSWORD (stdin is not a terminal, so siptool cannot ask for it)`, 'SIPTOOL_ERR_NO_PASSWORD');
  }
  // echo off before the prompt shows, so that nothing typed after it is ever echoed
  stdin.setRawMode(true);
  stderr.write(`Password for ${user}: `);
  return new Promise<string>((resolve, reject) => {
    let typed = '';
    const done = (err?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new ExitError(EXIT.USAGE, 'interrupted at the password prompt'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else if (typed.length < 1024) typed += ch;
      }
    };
    stdin.resume();
    stdin.on('data', onData);
  });
}
