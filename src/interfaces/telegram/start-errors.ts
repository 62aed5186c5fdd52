import { GrammyError, HttpError } from "grammy";
import { AppError } from "../../errors.js";

/** The bot could not start talking to Telegram; the message names the cause and the fix. */
export class TelegramStartError extends AppError {
  override readonly name = "TelegramStartError";
}

/**
 * Translate a failed start-up call (getMe, setMyCommands, setWebhook …) into one actionable
 * line. grammY's errors carry neither the token nor the URL in what we use of them.
 */
export function explainStartError(error: unknown, apiRoot: string): unknown {
  if (error instanceof GrammyError) {
    if (error.error_code === 401 || error.error_code === 404) {
      return new TelegramStartError(
        `Telegram rejected the bot token (${error.error_code} ${error.description}): it was revoked or mistyped — ` +
          "get the current token from @BotFather (/mybots → API Token) and set TELEGRAM_BOT_TOKEN",
        { cause: error },
      );
    }
    if (error.error_code === 409) {
      return new TelegramStartError(`Telegram refused ${error.method} (409 ${error.description}): another copy of this bot is running with the same token — stop it first`, { cause: error });
    }
    return new TelegramStartError(`Telegram refused ${error.method} (${error.error_code} ${error.description}) while the bot was starting — check the settings it names, then start again`, { cause: error });
  }
  if (error instanceof HttpError) {
    const inner = error.error as { code?: unknown } | undefined;
    const reason = typeof inner?.code === "string" ? inner.code : "no answer";
    return new TelegramStartError(`could not reach Telegram at ${apiRoot} (${reason}): check the network connection and proxy, or TELEGRAM_API_ROOT`, { cause: error });
  }
  return error;
}
