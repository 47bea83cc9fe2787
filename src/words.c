/* words: words that display text keeps whole on a line where ICU's
 * dictionary would split them (stage: layout).
 *
 * ICU segments Chinese with a frequency dictionary that lacks much of the
 * vocabulary of news about government and the economy: it gives 签|约,
 * 脱|贫, 招|商|引|资, 志愿|者, 一对|一. Balanced titles and labels keep
 * ICU's words whole, so without this list they broke "全部脱 / 贫" and
 * "文明劝导志愿 / 者". The list holds words of that vocabulary that ICU
 * splits (each was checked against ICU 72), in Simplified characters and,
 * where ICU's Hans-Hant transliteration gives a word its zh-Hant dictionary
 * splits too, in Traditional ones (簽|約 is not among them: it knows 簽約);
 * a theme or a spec adds a newsroom's own (place and people's names). Sorted by bytes
 * (strcmp), as words_find's search needs; a unit test checks it. */
#include "words.h"

#include <stdio.h>
#include <string.h>

#include "spec_tree.h"
#include "util.h"

static const char *const zh_news[] = {
    "一季度",   "一对一",     "万亩",     "三创联动", "三創聯動", "三季度",     "专合社",
    "专项",     "专项债",     "两学一做", "个百分点", "主城区",   "主城區",     "主干道",
    "主幹道",   "主战场",     "主戰場",   "二季度",   "井盐",     "井鹽",       "交易額",
    "交易额",   "交流会",     "交流會",   "产业园",   "产业扶贫", "产学研",     "人均",
    "众创空间", "优良率",     "低保",     "体育馆",   "供給側",   "供给侧",     "便利化",
    "促进会",   "保稅區",     "保税区",   "保障房",   "信息化",   "個百分點",   "健康扶貧",
    "健康扶贫", "優良率",     "光伏扶貧", "光伏扶贫", "党建",     "党支部",     "兜底",
    "兜底保障", "入学率",     "入學率",   "內資",     "全县",     "全省",       "兩學一做",
    "公租房",   "内资",       "再就业",   "再就業",   "冷鏈",     "冷链",       "减排",
    "出口額",   "出口额",     "出讓金",   "出让金",   "创文",     "到位",       "制度化",
    "制造业",   "前三季度",   "創文",     "区县",     "区委",     "区级",       "医保",
    "医共体",   "医联体",     "區級",     "區縣",     "千亿",     "升学率",     "升學率",
    "博物馆",   "博览会",     "危房改造", "历史性",   "县委",     "县级",       "参保率",
    "參保率",   "双一流",     "发布会",   "可支配",   "合作社",   "同比",       "同比增長",
    "同比增长", "商品房",     "四季度",   "回迁房",   "回遷房",   "国企",       "国开行",
    "国际化",   "图书馆",     "國企",     "國開行",   "國際化",   "地方债",     "地方債",
    "城中村",   "城鎮化",     "城镇化",   "增加值",   "增幅",     "增速",       "增长率",
    "外企",     "外向型",     "央企",     "失业率",   "好评",     "委员会",     "安全感",
    "安置房",   "家規",       "家规",     "对接会",   "專合社",   "專項",       "專項債",
    "對接會",   "小微企业",   "小微企業", "小额贷款", "就业扶贫", "就业率",     "就業扶貧",
    "就業率",   "展会",       "展會",     "展销会",   "巡展",     "工作会",     "工作會",
    "工作队",   "工作隊",     "市场化",   "市場化",   "市級",     "市级",       "带队",
    "帮扶",     "常委会",     "常态化",   "常態化",   "幫扶",     "年均",       "幸福感",
    "幼儿园",   "庙会",       "座谈会",   "廉租房",   "建筑业",   "建築業",     "开发区",
    "引才",     "引資",       "引资",     "彩灯",     "征地",     "徵地",       "志愿者",
    "快速路",   "总产值",     "总投资",   "总收入",   "恳谈会",   "懇談會",     "成交額",
    "成交额",   "成绩单",     "戶均",     "戶數",     "户均",     "户数",       "托育",
    "扶貧",     "扶贫",       "投資額",   "投资额",   "拆迁户",   "拆遷戶",     "招商",
    "招商引資", "招商引资",   "招商活动", "招商活動", "招引",     "招才引智",   "招聘会",
    "招聘會",   "挂牌",       "授牌",     "排头兵",   "排頭兵",   "推介",       "推介会",
    "推介會",   "推介活动",   "推介活動", "推进会",   "推進會",   "揭牌",       "攻坚",
    "攻坚战",   "攻堅戰",     "教育扶貧", "教育扶贫", "数字化",   "數字化",     "文创",
    "文創",     "文化館",     "文化馆",   "文旅",     "新材料",   "新能源",     "旅游业",
    "旅游扶贫", "旅遊扶貧",   "旅遊業",   "旧城改造", "时间线",   "易地扶貧",   "易地扶贫",
    "時間線",   "普惠金融",   "景区",     "景區",     "智能化",   "服务业",     "村干部",
    "村幹部",   "标准化",     "棚戶區",   "棚户区",   "棚改",     "棚改签约",   "棚改簽約",
    "歷史性",   "河長制",     "河长制",   "法治化",   "洽談會",   "洽谈会",     "消費品",
    "消費扶貧", "消费品",     "消费扶贫", "減排",     "满意度",   "满意率",     "滿意度",
    "滿意率",   "灯会",       "点赞",     "營商",     "營收",     "片区",       "片區",
    "獲得感",   "环比",       "环比增长", "现代化",   "现场会",   "現場會",     "理事会",
    "環比",     "環比增長",   "生产总值", "生态扶贫", "生態扶貧", "生產總值",   "產學研",
    "產業園",   "產業扶貧",   "电商",     "电商扶贫", "發佈會",   "百亿",       "百億",
    "百分点",   "盐业",       "盐博会",   "盐商",     "眾創空間", "研讨会",     "碳中和",
    "碳达峰",   "碳達峰",     "示範區",   "示范区",   "社保",     "祭英烈",     "签约",
    "签约会",   "签约活动",   "签约率",   "签约额",   "節能減排", "簽約會",     "簽約率",
    "簽約額",   "精准扶貧",   "精准扶贫", "結對",     "結對幫扶", "經開區",     "綜保區",
    "網格化",   "縣級",       "總投資",   "總收入",   "经开区",   "结对",       "结对帮扶",
    "综保区",   "网格化",     "老城区",   "老城區",   "老齡化",   "老龄化",     "联谊会",
    "能耗",     "脫貧",       "脫貧攻堅", "脫貧率",   "脱贫",     "脱贫攻坚",   "脱贫率",
    "自貿區",   "自贸区",     "舊城改造", "节能减排", "获得感",   "营业额",     "营商",
    "营收",     "萬畝",       "覆盖率",   "覆蓋率",   "規範化",   "规范化",     "試驗區",
    "詩會",     "试验区",     "诗会",     "貧困戶",   "貧困村",   "貧困發生率", "貧困縣",
    "贫困县",   "贫困发生率", "贫困户",   "贫困村",   "跨境电商", "跨境電商",   "轮训",
    "达产",     "达标率",     "迎检",     "迎檢",     "运动会",   "返貧",       "返贫",
    "进口额",   "选树",       "進口額",   "達標率",   "達產",     "選樹",       "醫保",
    "醫共體",   "醫聯體",     "金融扶貧", "金融扶贫", "鎮幹部",   "销售额",     "镇干部",
    "開發區",   "集中签约",   "集中籤約", "雙一流",   "零售总额", "零售總額",   "電商",
    "電商扶貧", "非遗",       "非遺",     "首届",     "駐村",     "马拉松",     "驻村",
    "高新区",   "高新區",     "鹽博會",   "點贊",     "黨建",     "黨支部",
};

const struct word_list words_zh_news = {zh_news, sizeof zh_news / sizeof zh_news[0]};

bool words_ok(const char *w, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)w[i] <= ' ' || w[i] == 0x7F)
			return false;
	size_t chars = utf8_count(w, len);
	return chars >= 2 && chars <= 16;
}

/* How much of a word to show in a message: up to 64 bytes, cut between
 * characters. */
static size_t shown(const char *w, size_t len)
{
	if (len <= 64)
		return len;
	size_t n = 64;
	while (n > 0 && ((unsigned char)w[n] & 0xC0) == 0x80)
		n--;
	return n;
}

int words_from_list(const struct snode *n, char *out, size_t sz,
                    void (*err)(void *ctx, const struct snode *at, const char *msg), void *ctx)
{
	char msg[512];
	int problems = 0;
	if (!n)
		return 0;
	if (n->type != SNODE_SEQ) {
		snprintf(msg, sizeof msg, "\"words\" must be a list of words, got %s",
		         snode_type_name(n));
		err(ctx, n, msg);
		return 1;
	}
	size_t used = 0;
	for (size_t i = 0; i < n->n; i++) {
		const struct snode *w = n->items[i];
		if (w->type != SNODE_SCALAR || !words_ok(w->text, w->len)) {
			if (w->type != SNODE_SCALAR)
				snprintf(msg, sizeof msg, "a word must be text, got %s",
				         snode_type_name(w));
			else
				snprintf(
				    msg, sizeof msg,
				    "a word must be 2 to 16 characters with no space in it, got "
				    "\"%.*s%s\"",
				    (int)shown(w->text, w->len), w->text,
				    shown(w->text, w->len) < w->len ? "…" : "");
			err(ctx, w, msg);
			problems++;
			continue;
		}
		if (used + w->len + 2 > sz) {
			snprintf(msg, sizeof msg, "\"words\" may hold at most %zu bytes of words",
			         sz - 1);
			err(ctx, w, msg);
			return problems + 1; /* full: the rest would say the same */
		}
		memcpy(out + used, w->text, w->len);
		used += w->len;
		out[used++] = '\n';
		out[used] = '\0';
	}
	return problems;
}

/* The length in bytes of the UTF-8 character at p (1 for a stray byte). */
static size_t char_len(const char *p)
{
	unsigned char c = (unsigned char)*p;
	size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	for (size_t i = 1; i < n; i++)
		if (((unsigned char)p[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

/* The longest listed word that begins at p, or 0. */
static size_t longest_at(const struct word_list *wl, const char *p)
{
	size_t cl = char_len(p);
	/* The first word that does not sort before p's first character. */
	size_t lo = 0, hi = wl->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strncmp(wl->w[mid], p, cl) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t best = 0;
	for (size_t i = lo; i < wl->n && strncmp(wl->w[i], p, cl) == 0; i++) {
		size_t len = strlen(wl->w[i]);
		if (len > best && strncmp(wl->w[i], p, len) == 0)
			best = len;
	}
	return best;
}

size_t words_find(const struct word_list *const *lists, size_t n_lists, const char *utf8,
                  size_t ranges[][2], size_t n, size_t max)
{
	for (const char *p = utf8; *p && n < max;) {
		size_t best = 0;
		for (size_t k = 0; k < n_lists; k++) {
			size_t len = lists[k] && lists[k]->n ? longest_at(lists[k], p) : 0;
			if (len > best)
				best = len;
		}
		if (best) {
			ranges[n][0] = (size_t)(p - utf8);
			ranges[n][1] = (size_t)(p - utf8) + best;
			n++;
			p += best;
		} else {
			p += char_len(p);
		}
	}
	return n;
}
