/**
 * THE ONE PLACE THE APP NAMES REMOTE HOSTS – for a download the user asks for.
 *
 * WebLLM's prebuilt local models keep their weights on Hugging Face and their WebGPU libraries on
 * GitHub. The LLM worker's fetch guard (model-fetch-guard.ts) refuses these hosts until the user
 * presses a local model's **Download** in the LLM panel; nothing else in the app reaches them, and
 * the app works offline without them (the rules, the model tier, everything but a local LLM).
 */

/** Where the prebuilt models' files are asked for. */
export const PREBUILT_MODEL_ORIGINS = ['https://huggingface.co', 'https://raw.githubusercontent.com'];

/** Where Hugging Face redirects its files: its own download hosts (a redirect anywhere else is refused). */
export const PREBUILT_REDIRECT_HOSTS = ['*.huggingface.co', '*.hf.co'];
