// Help text only: the CLI prints it without loading the command (and its libraries).

export const SERVE_HELP = `atelier serve [--port N] [--host H [--allow-network]] [--api-key KEY] [--no-api]

Serves the studio to your browser over loopback HTTP, and an OpenAI-compatible API
under /v1 (models, chat/completions, completions, images/generations, audio/speech).
  --port N         port to listen on (default 4173; 0 picks a free one)
  --host H         address to bind (default 127.0.0.1); never 0.0.0.0 or ::
  --allow-network  needed for a --host other machines can reach
  --api-key KEY    a fixed key for /v1 besides the launch token (or ATELIER_API_KEY)
  --no-api         serve the studio only, without /v1

Ctrl+C stops it: running jobs are cancelled, engines stopped, the open project folded
into project.json. Press it again to quit at once; project edits are on disk as they
are made, so none is lost.`;
