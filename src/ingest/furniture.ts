/**
 * Recognisers for page furniture: the parts of a scraped news page that are not
 * the article. Each works on a line's normalized key (Simplified, half-width,
 * no spaces between Han characters), so Traditional pages match too.
 */

export const BREADCRUMB = /^(?:您现在的位置|当前位置|现在位置|所在位置|首页)\s*[:：]?.*>/;

/** A line carrying the date, source and view counters of the page. */
export const META_LINE = /(?:发布时间|发表时间|发布日期|更新时间|关注度|浏览次数|阅读次数|点击数|来源[:：]).{0,120}$/;

const SHARE_WORDS = /^(?:(?:评论|转发|收藏|打印|分享|分享到|字号|大|中|小|关闭|返回顶部|扫一扫|微信|微博|qq空间)[\s|:：]*)+$/;

const FOOTER = /copyright|©|版权所有|all rights reserved|icp备|icp证|联系电话|^传真|^邮箱|与我们联系|联系我们|^上一[条篇][:：]|^下一[条篇][:：]|网站地图|主办单位|技术支持/i;

const DISCLAIMER = /^(?:声明|免责声明|版权声明)[:：]/;

/** Section labels that stand alone on a line above or below an article. */
const SECTION_LABELS = new Set(["新闻中心", "新闻搜索", "文字新闻", "正文", "返回", "新闻详情", "详细内容", "图片新闻"]);

/** Headings of link lists that follow the article ("推荐新闻" and kin). */
export const LINK_LIST_HEADING = /^(?:推荐新闻|相关新闻|热点新闻|相关阅读|延伸阅读|热门推荐|猜你喜欢|热门文章|最新新闻|相关文章|图片新闻|新闻排行)$/;

/** A line of a link list: a bullet, or a short line without sentence punctuation. */
export function isLinkListItem(key: string): boolean {
  return /^[-•·*]\s*/.test(key) || /^\d{1,2}[.、]\s*/.test(key) || (key.length <= 40 && !/[。！？]$/.test(key));
}

/** True for share widgets, disclaimers, footers and stand-alone section labels. */
export function isFurniture(key: string): boolean {
  const bare = key.replace(/^[•·\-*\s]+/, "");
  if (bare.length === 0) return true;
  if (SECTION_LABELS.has(bare) || SHARE_WORDS.test(bare.replace(/\s+/g, ""))) return true;
  if (DISCLAIMER.test(bare)) return true;
  // Footer words are only furniture on short lines: a paragraph may mention a phone number.
  return bare.length <= 80 && FOOTER.test(bare);
}

/** A site banner above the article, e.g. "…无须注册,完全免费,只要2步,立即发布信息". */
export function isBanner(key: string): boolean {
  return /免费|注册|发布信息|致力于|欢迎访问|设为首页|加入收藏/.test(key) && key.length <= 60;
}
