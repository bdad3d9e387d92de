# A clean village roster for benchmarks and tests: n persons (awk -v n=…)
# in households of three (户主, 配偶, 子) spread over the villages of
# tuiconfig.ini's township, every ID number valid under GB 11643 (distinct
# birth dates and sequence numbers; the check character computed below).
function check(s,   i, sum) {
	sum = 0
	for (i = 1; i <= 17; i++)
		sum += substr(s, i, 1) * w[i]
	return substr("10X98765432", sum % 11 + 1, 1)
}
BEGIN {
	split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
	split("张 王 李 赵 刘 陈 杨 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 林 罗", sur, " ")
	split("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平", giv, " ")
	split("澄溪社区 太平村 大路村 高峰村 新桥村 红岩村 长安村 白鹤村", vil, " ")
	rel[0] = "户主"; rel[1] = "配偶"; rel[2] = "子"
	print "村（社区）,姓名,身份证号码,与户主关系,联系电话,家庭住址"
	for (i = 0; i < n; i++) {
		h = int(i / 3); r = i % 3
		# 60 years x 12 months x 28 days, then the sequence number.
		y = 1940 + i % 60; m = 1 + int(i / 60) % 12; d = 1 + int(i / 720) % 28
		body = sprintf("500231%04d%02d%02d%03d", y, m, d, int(i / 20160))
		v = vil[1 + h % 8]
		name = sur[1 + h % 20] giv[1 + int(i / 20) % 20] giv[1 + i % 20]
		phone = r == 0 ? sprintf("138%08d", h) : ""
		addr = r == 0 ? sprintf("%s%d组%d号", v, 1 + h % 9, h) : ""
		printf "%s,%s,%s%s,%s,%s,%s\n", v, name, body, check(body), rel[r], phone, addr
	}
}
