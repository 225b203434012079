// Help text only: the CLI prints it without loading the command (and its libraries).

export const TRANSCRIBE_HELP = `atelier transcribe FILE [--language auto|en|de…] [--model ID|FOLDER] [--format txt|json|srt|vtt] [-o OUT]

Transcribes speech in any audio or video file ffmpeg reads with a local Whisper model
(long input is cut at pauses and never held in memory whole). Needs a transcription model:
'atelier models catalog' lists the Whisper ones, or pass a sherpa-onnx Whisper folder.
  --language L   auto (detect, the default) or the code of a language the model knows
  --model M      an installed model's id or a Whisper folder (default: the active one)
  --format F     txt (the words), json (language, duration and segments with start/end/text),
                 srt or vtt (subtitles); default: OUT's extension, else txt
  -o OUT         where to write it (replaced atomically); standard output when absent`;
