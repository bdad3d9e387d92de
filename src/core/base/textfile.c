#include "core/base/textfile.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEXTFILE_MAX ((size_t)512 << 20)

/* Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF. */
size_t utf8_valid_prefix(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t len;
		unsigned char lo = 0x80, hi = 0xBF;	/* range of the 2nd byte */
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else {
			return i;
		}
		if (i + len > n || s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (size_t k = 2; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
		i += len;
	}
	return n;
}

static size_t line_of(const char *s, size_t offset)
{
	size_t line = 1;
	for (size_t i = 0; i < offset; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

FILE *textfile_open(const char *path, size_t max, const char *what, struct err *e)
{
	struct stat st;
	/* O_NONBLOCK: opening a FIFO would wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
	if (f == NULL) {
		err_set(e, "无法读取%s %s：%s", what, path,
			errno == ENOENT ? "文件不存在" : errno == EACCES ? "没有读取权限" : strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	/* Checked before reading a byte: /dev/zero or a FIFO would never end,
	 * a huge file would be read whole into memory. */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		err_set(e, "%s %s 不是普通文件（是目录、设备或管道），不能读取", what, path);
		fclose(f);
		return NULL;
	}
	if ((uintmax_t)st.st_size > max) {
		err_set(e, "%s %s 太大（%jd 字节，最多 %zu KiB），不像是%s", what, path,
			(intmax_t)st.st_size, max >> 10, what);
		fclose(f);
		return NULL;
	}
	return f;
}

static int slurp(const char *path, char **out, size_t *len, struct err *e)
{
	FILE *f = textfile_open(path, TEXTFILE_MAX, "文件", e);
	if (f == NULL)
		return -1;
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap + 1);
	while (buf != NULL) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		if (cap >= TEXTFILE_MAX) {
			free(buf);
			fclose(f);
			return err_set(e, "文件 %s 太大（超过 %zu MiB）", path, TEXTFILE_MAX >> 20);
		}
		char *nb = realloc(buf, cap * 2 + 1);
		if (nb == NULL) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = nb;
		cap *= 2;
	}
	if (buf == NULL) {
		fclose(f);
		return err_set(e, "内存不足，无法读取文件 %s", path);
	}
	if (ferror(f)) {
		int saved = errno;
		free(buf);
		fclose(f);
		return err_set(e, "读取文件 %s 出错：%s", path, strerror(saved));
	}
	fclose(f);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

/* GB18030 → UTF-8. Each GB18030 character (1, 2 or 4 bytes) becomes at
 * most 4 UTF-8 bytes and never more than twice its own length. */
static int from_gb18030(const char *path, const char *in, size_t n, char **out,
			size_t *len, struct err *e)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return err_set(e, "本系统不支持 GB18030 编码转换，无法读取 %s（请另存为 UTF-8）", path);
	size_t cap = 2 * n + 4;
	char *buf = malloc(cap + 1);
	if (buf == NULL) {
		iconv_close(cd);
		return err_set(e, "内存不足，无法读取文件 %s", path);
	}
	char *ip = (char *)in, *op = buf;
	size_t il = n, ol = cap;
	size_t rc = iconv(cd, &ip, &il, &op, &ol);
	iconv_close(cd);
	if (rc == (size_t)-1) {
		size_t off = (size_t)(ip - in);
		free(buf);
		return err_set(e, "文件 %s 既不是 UTF-8 也不是 GB18030 编码：第 %zu 行（第 %zu 字节）"
			       "有无法识别的字符。请用 Excel 或 WPS 另存为“CSV UTF-8”后再导入",
			       path, line_of(in, off), off + 1);
	}
	*len = (size_t)(op - buf);
	buf[*len] = '\0';
	*out = buf;
	return 0;
}

int textfile_read_utf8(const char *path, char **out, size_t *len, bool *converted,
		       struct err *e)
{
	char *raw = NULL;
	size_t n = 0;
	if (converted != NULL)
		*converted = false;
	if (slurp(path, &raw, &n, e) != 0)
		return -1;
	const unsigned char *u = (const unsigned char *)raw;
	if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		free(raw);
		return err_set(e, "文件 %s 是 UTF-16（Unicode 文本）编码，不能导入。"
			       "请用 Excel 或 WPS 另存为“CSV UTF-8”或“CSV（逗号分隔）”", path);
	}
	const char *nul = memchr(raw, '\0', n);
	if (nul != NULL) {
		size_t off = (size_t)(nul - raw);
		free(raw);
		return err_set(e, "文件 %s 不是文本文件：第 %zu 字节是空字符", path, off + 1);
	}
	bool bom = n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
	size_t start = bom ? 3 : 0;
	size_t valid = utf8_valid_prefix(raw + start, n - start);
	if (valid == n - start) {
		memmove(raw, raw + start, n - start + 1);
		*out = raw;
		*len = n - start;
		return 0;
	}
	if (bom) {
		size_t off = start + valid, line = line_of(raw, off);
		free(raw);
		return err_set(e, "文件 %s 标明是 UTF-8 编码，但第 %zu 行（第 %zu 字节）不是有效的 UTF-8",
			       path, line, off + 1);
	}
	int rc = from_gb18030(path, raw, n, out, len, e);
	free(raw);
	if (rc == 0 && converted != NULL)
		*converted = true;
	return rc;
}
