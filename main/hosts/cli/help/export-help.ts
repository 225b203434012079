// Help text only: the CLI prints it without loading the command (and its libraries).

const VIDEO_FLAGS_HELP = `  --preset P      youtube-1080p, shorts-9x16, square-1x1 or small-720p: format, shape and
                  size together
  --aspect A      video shape: 16:9 (default), 9:16 or 1:1
  --captions C    soft (default: a subtitle track, mov_text in MP4, WebVTT in WebM),
                  burn (drawn into the picture) or off; srt and vtt formats write the
                  captions alone
  --motion M      on (default: each still pans or zooms gently, as its scene says) or off
  --music M       a sound file, or the id of a sound asset of the project, looped under the
                  whole video and ducked under the narration; none for no music bed
                  (without --music: the project's music bed, if it has one)`;

const FORMATS_HELP = `  --format F      zip (a bundle 'atelier import' reads back), html (one file that plays
                  the storyboard), md (a Markdown page, its pictures and sounds in a
                  folder beside it: story.md and story_files/), md-zip (the same, zipped),
                  pdf, mp4, webm, srt or vtt (the narration's captions)
  --resolution R  video size: 720p (default) or 1080p (the short side)
${VIDEO_FLAGS_HELP}
  -o, --out PATH  the file to write, exactly as named; or a folder (one that exists, or
                  a path ending in /), where the file is named after the project
                  (harbour-night.html; -2, -3 is added rather than replace a file there)
                  default: the settings' output folder, else the project's exports/ folder
  --force         replace the file -o names (and, for md, its _files folder) if it exists
  --estimate      video only: print the length, frame and likely size, and export nothing`;

export const EXPORT_HELP = `atelier export [--project ID_OR_TITLE] --format FORMAT [--resolution 720p|1080p] [VIDEO OPTIONS] [-o PATH] [--force]

Exports a project (the last one opened, unless --project names one).
  -p, --project P the project's id or title
${FORMATS_HELP}`;

export const PROJECT_EXPORT_HELP = `atelier project export TITLE_OR_ID --format FORMAT [--resolution 720p|1080p] [VIDEO OPTIONS] [-o PATH] [--force]

Exports the project named (as 'atelier export --project').
${FORMATS_HELP}`;

export const IMPORT_HELP = `atelier import BUNDLE.zip [--title TITLE]

Imports an Atelier zip bundle as a new project, after checking every entry.
  -t, --title T   the new project's title (default: the bundle's)`;

export const PROJECT_IMPORT_HELP = IMPORT_HELP.replace('atelier import', 'atelier project import');
