// Help text only: the CLI prints it without loading the command (and its libraries).
import { IMAGE_ENGINES, IMAGE_LIMITS, IMAGE_TEMPLATES } from '../../../../preload/schemas/image-limits.js';

export const IMAGE_UPSCALE_HELP = `atelier image upscale IMAGE [--scale 2|3|4] [--model ID_OR_FILE|lanczos]
              [--tile N] [--overlap N] [-o FILE]

Makes a picture 2, 3 or 4 times larger with an upscaler model (Real-ESRGAN style, ONNX),
tile by tile so large pictures fit in memory, or with Lanczos when there is no model.
The picture's generation settings (PNG text, A1111 "parameters") are kept.
  --scale S       2, 3 or 4 (default 4)
  --model M       an installed upscaler's id, an .onnx file, or "lanczos"
                  (default: the active upscaler, else Lanczos)
  --tile N        tile edge in pixels, 32 to 1024 (default 192): smaller uses less memory
  --overlap N     pixels tiles share, 0 to 128 (default 16), blended so no seam shows
  -o, --out FILE  the .png to write (default: IMAGE's name with -x4.png beside it)`;

const SHARED_FLAGS = `  --model M       an installed image model's id or a diffusers ONNX folder (default: the active one);
                  an inpainting model (9-channel UNet) is used as such, any other by masked img2img
  --steps N       ${IMAGE_LIMITS.steps.min} to ${IMAGE_LIMITS.steps.max} (default ${IMAGE_LIMITS.steps.default}); --guidance G, --scheduler S, --negative TEXT as for 'atelier image'
  --strength S    0 to 1 (default 1: the area is painted from noise; lower keeps more of it)
  --seed N        the same seed makes the same picture (default random, printed)
  --device D      cpu or gpu (default: Settings → Image device)`;

export const IMAGE_INPAINT_HELP = `atelier image inpaint IMAGE --mask MASK.png [--model ID_OR_FOLDER] [--steps N] [--seed N]
              [--feather PX] [-o FILE] PROMPT

Repaints the white part of MASK (a mask with transparency: its transparent part) and
keeps the rest of IMAGE byte for byte; the edge fades over --feather pixels. The mask
may be any size: it is stretched to the picture.
${SHARED_FLAGS}
  --feather PX    0 to 256 pixels (default about 1.5 % of the shorter side)
  -o, --out FILE  the .png to write (default: IMAGE's name with -inpaint.png)`;

export const IMAGE_OUTPAINT_HELP = `atelier image outpaint IMAGE (--aspect W:H | --size WxH | --extend N | --extend T,R,B,L)
              [--anchor center|top|bottom|left|right|top-left…] [--seam PX] [-o FILE] PROMPT

Extends IMAGE to a new shape and paints the new area to match, the seam blended.
  --aspect W:H    the smallest canvas of that shape that holds the picture (16:9 → 9:16 adds above and below)
  --size WxH      an exact canvas (a smaller side scales the picture down to fit)
  --extend N      N pixels on every side, or T,R,B,L for each side
  --anchor A      where the picture sits (default center)
  --seam PX       pixels of the picture blended into the new area (default about 4 % of its shorter side)
${SHARED_FLAGS}
  -o, --out FILE  the .png to write (default: IMAGE's name with -outpaint.png)`;

export const IMAGE_HELP = `atelier image [--template NAME] [--engine procedural|diffusion] [--model ID_OR_FOLDER]
              [--width W --height H | --size WxH] [--seed N] [--count N] [--text TEXT]
              [--steps N] [--guidance G] [--scheduler S] [--negative TEXT]
              [--init IMAGE --strength S] [--device cpu|gpu] [-o FILE_OR_DIR] PROMPT

Makes PNG pictures; each carries its settings in text chunks (an A1111 "parameters"
text and Atelier's own), so it can be varied or reused later. No project needed.
  PROMPT          mood and colour words steer procedural palettes ("midnight", "warm",
                  "forest", "ocean", "sunset", "pastel", "neon"…); diffusion follows it
  --template T    procedural: ${IMAGE_TEMPLATES.join(', ')} (default title-card)
  --engine E      ${IMAGE_ENGINES.join(' or ')} (default procedural; diffusion needs an image model)
  --model M       diffusion: an installed model id or a diffusers ONNX folder (default: the active one)
  --width/--height W H, or --size WxH: ${IMAGE_LIMITS.size.min} to ${IMAGE_LIMITS.size.max} (default 1280x720; diffusion: multiples of 8)
  --seed N        0 to ${IMAGE_LIMITS.seed.max}; the same seed makes the same picture (default random, printed)
  --count N       ${IMAGE_LIMITS.count.min} to ${IMAGE_LIMITS.count.max} pictures, seeds N, N+1, …
  --text T        title, quote or caption drawn on the picture (procedural)
  --steps, --guidance, --scheduler (euler-a, lcm, euler, ddim), --negative: diffusion settings
  --init IMAGE --strength S   diffusion img2img from a PNG or JPEG, S from 0 to 1
  --device D      diffusion: cpu (default) or gpu (an ONNX Runtime GPU provider, else the CPU)
  -o, --out P     a .png file, or a folder for several (default: the current folder)

${IMAGE_UPSCALE_HELP}

${IMAGE_INPAINT_HELP}

${IMAGE_OUTPAINT_HELP}`;
