// Reading the proof of play back in tests: every line the host wrote, through the same reader
// `bantin report` uses (so a line the contract refuses is missing here too).
import type { ProofOfPlayLine } from '../../main/core/contract/proof-of-play.js';
import { readProofOfPlay } from '../../main/host/proof-of-play.js';

/** A line with its fields open to assertions that pick fields across kinds (`e['slot']`). */
export type LoggedLine = ProofOfPlayLine & Record<string, unknown>;

export async function proofOfPlayLines(logsDir: string): Promise<LoggedLine[]> {
  return (await readProofOfPlay(logsDir, '0000-00-00', '9999-12-31')).lines as LoggedLine[];
}
