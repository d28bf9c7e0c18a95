// pino-roll ships no types: the part of its API the host log uses (main/host/logger.ts).
declare module 'pino-roll' {
  interface PinoRollOptions {
    file: string;
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    dateFormat?: string;
    limit?: { count: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    symlink?: boolean;
  }
  /** A SonicBoom stream writing into the current file and rolling it over. */
  export default function roll(options: PinoRollOptions): Promise<unknown>;
}
