// The speech engine a station uses when station.yaml's `radio.tts` names none: espeak-ng's
// Vietnamese voice (text on standard input, WAV on standard output). Whether it is installed is
// for the host to find out (main/host/speech.ts).
export const DEFAULT_TTS_COMMAND: readonly string[] = ['espeak-ng', '-v', 'vi', '--stdout'];
