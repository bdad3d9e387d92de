/* Passwords on the command line: never an argument (other accounts see
 * arguments in ps), but a line from a file descriptor a script opens, or
 * typed on the terminal without echo. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"

/* One line from fd, without its line end. */
static int read_line(int fd, char *out, size_t n, struct err *e)
{
	size_t len = 0;
	char ch;
	ssize_t got;
	while ((got = read(fd, &ch, 1)) == 1 && ch != '\n') {
		if (len + 1 >= n)
			return err_set(e, "密码太长");
		out[len++] = ch;
	}
	if (got < 0)
		return err_set(e, "读取密码失败：%s", strerror(errno));
	if (len > 0 && out[len - 1] == '\r')
		len--;
	out[len] = '\0';
	return 0;
}

static int read_tty(const char *prompt, char *out, size_t n, struct err *e)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	struct termios old, quiet;
	if (fd < 0)
		return err_set(e, "shared 模式需要密码：没有终端可以询问，请用 --password-fd N 从文件描述符读取");
	bool echo_off = tcgetattr(fd, &old) == 0;
	if (echo_off) {
		quiet = old;
		quiet.c_lflag &= (tcflag_t)~ECHO;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	if (write(fd, prompt, strlen(prompt)) < 0) {
		/* still read: the prompt is a courtesy */
	}
	int rc = read_line(fd, out, n, e);
	if (echo_off)
		tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0) {
		/* as above */
	}
	close(fd);
	return rc;
}

int cli_read_password(int fd_plus_one, const char *prompt, char *out, size_t n, struct err *e)
{
	if (fd_plus_one > 0)
		return read_line(fd_plus_one - 1, out, n, e);
	return read_tty(prompt, out, n, e);
}

int cli_fd_arg(const char *text)
{
	char *end;
	long fd = strtol(text, &end, 10);
	if (*text == '\0' || *end != '\0' || fd < 0 || fd > 1023 || fcntl((int)fd, F_GETFD) < 0)
		return 0;
	return (int)fd + 1;
}
