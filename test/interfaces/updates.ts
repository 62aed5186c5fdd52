import type { Update, UserFromGetMe } from "grammy/types";

/** A token of the right shape that no Bot API accepts. */
export const TEST_TOKEN = "123456789:AAHfakeTokenForTestsOnly_abcdefghijklmn";

export const TEST_BOT_INFO = { id: 42, is_bot: true, first_name: "NewsQA", username: "news_qa_bot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } as UserFromGetMe;

export const TEST_GROUP = { id: -500, type: "supergroup" as const, title: "金湖产业群" };

let updateId = 1;

/** A text message from user `from`, in their private chat or in TEST_GROUP; a leading /command is marked as one. */
export function textMessage(from: number, text: string, chat: "private" | "group" = "private"): Update {
  const command = /^\/\w+(@\w+)?/.exec(text);
  return {
    update_id: updateId++,
    message: {
      message_id: updateId, date: 1_700_000_000, from: { id: from, is_bot: false, first_name: "U" }, text,
      chat: chat === "group" ? TEST_GROUP : { id: from, type: "private", first_name: "U" },
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    },
  } as Update;
}
