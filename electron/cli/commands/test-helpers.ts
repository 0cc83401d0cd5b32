/** Runs the CLI in-process for tests: exit code and everything printed on stdout and stderr. */
import { main } from '../samsyn';
import type { CliIO } from '../io';

export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`), isTTY: false };
  const code = await main(argv, io);
  return { code, out, err };
}
