/**
 * Place names of the region: a question naming one is about that place (an article that never
 * mentions it is about somewhere else), and a follow-up ("那洪泽区呢？") replaces the place it refers to.
 */
export const PLACES: readonly string[] = [
  "江苏",
  "淮安",
  "金湖",
  "洪泽",
  "淮阴",
  "清江浦",
  "涟水",
  "盱眙",
  "盐城",
  "亭湖",
  "如东",
  "南通",
  "洋口港",
  "南京",
  "苏州",
  "无锡",
  "常州",
  "扬州",
  "泰州",
  "镇江",
  "宿迁",
  "连云港",
  "徐州",
  "张家港",
  "江阴",
  "海宁",
  "浙江",
  "上海",
  "北京",
  "长三角",
  "苏南",
];

/** The gazetteer's Chinese place names, longest first (so 洋口港 wins over shorter names). */
export const PLACE_NAMES = [...PLACES].sort((a, b) => b.length - a.length);
