/*
 * The tests' independent KVP pool reader and writer, written from the facts of Linux's
 * tools/hv/hv_kvp_daemon.c: records of struct { char key[512]; char value[2048]; }, and an fcntl
 * write lock on the whole file (F_SETLKW, start 0, length 0) around every access.
 *
 *   kvp_tool append FILE KEY VALUE [KEY VALUE ...]  appends records, as cloud-init and the daemon add them
 *   kvp_tool dump FILE       prints "index<TAB>key<TAB>value" per record, fields hex-escaped outside printable ASCII
 *   kvp_tool hold FILE       takes the lock, prints "locked", keeps it until stdin closes, prints "released"
 *   kvp_tool probe FILE      F_GETLK for a write lock: prints "free" or "locked by PID TYPE START LEN"
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct pool_record {
	char key[512];
	char value[2048];
};

static void die(const char *what, const char *file)
{
	fprintf(stderr, "kvp_tool: %s %s: %s\n", what, file, strerror(errno));
	exit(2);
}

static void whole_file_lock(int fd, short type, const char *file)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = 0;
	fl.l_len = 0;
	if (fcntl(fd, type == F_UNLCK ? F_SETLK : F_SETLKW, &fl) == -1)
		die("fcntl lock", file);
}

static void print_field(const char *field, size_t size)
{
	size_t i;

	for (i = 0; i < size && field[i] != '\0'; i++) {
		unsigned char c = (unsigned char)field[i];
		if (c >= 0x20 && c < 0x7f && c != '\\')
			putchar(c);
		else
			printf("\\x%02x", c);
	}
}

static int append(const char *file, int pairs, char **kv)
{
	struct pool_record record;
	int fd, i;

	fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		die("open", file);
	whole_file_lock(fd, F_WRLCK, file);
	if (lseek(fd, 0, SEEK_END) < 0)
		die("lseek", file);
	for (i = 0; i < pairs; i++) {
		memset(&record, 0, sizeof(record));
		strncpy(record.key, kv[2 * i], sizeof(record.key) - 1);
		strncpy(record.value, kv[2 * i + 1], sizeof(record.value) - 1);
		if (write(fd, &record, sizeof(record)) != (ssize_t)sizeof(record))
			die("write", file);
	}
	if (fsync(fd) != 0)
		die("fsync", file);
	whole_file_lock(fd, F_UNLCK, file);
	close(fd);
	return 0;
}

static int dump(const char *file)
{
	struct pool_record record;
	int fd, index = 0;
	ssize_t got;

	fd = open(file, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		die("open", file);
	whole_file_lock(fd, F_WRLCK, file);
	while ((got = read(fd, &record, sizeof(record))) == (ssize_t)sizeof(record)) {
		printf("%d\t", index++);
		print_field(record.key, sizeof(record.key));
		putchar('\t');
		print_field(record.value, sizeof(record.value));
		putchar('\n');
	}
	if (got < 0)
		die("read", file);
	whole_file_lock(fd, F_UNLCK, file);
	close(fd);
	return 0;
}

static int hold(const char *file)
{
	char line[64];
	int fd;

	fd = open(file, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		die("open", file);
	whole_file_lock(fd, F_WRLCK, file);
	printf("locked\n");
	fflush(stdout);
	while (fgets(line, sizeof(line), stdin) != NULL)
		;
	whole_file_lock(fd, F_UNLCK, file);
	printf("released\n");
	fflush(stdout);
	close(fd);
	return 0;
}

static int probe(const char *file)
{
	struct flock fl;
	int fd;

	fd = open(file, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		die("open", file);
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_GETLK, &fl) == -1)
		die("fcntl F_GETLK", file);
	if (fl.l_type == F_UNLCK)
		printf("free\n");
	else
		printf("locked by %ld %s %lld %lld\n", (long)fl.l_pid, fl.l_type == F_WRLCK ? "write" : "read",
		       (long long)fl.l_start, (long long)fl.l_len);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 5 && strcmp(argv[1], "append") == 0 && (argc - 3) % 2 == 0)
		return append(argv[2], (argc - 3) / 2, argv + 3);
	if (argc == 3 && strcmp(argv[1], "dump") == 0)
		return dump(argv[2]);
	if (argc == 3 && strcmp(argv[1], "hold") == 0)
		return hold(argv[2]);
	if (argc == 3 && strcmp(argv[1], "probe") == 0)
		return probe(argv[2]);
	fprintf(stderr, "usage: kvp_tool append FILE KEY VALUE... | dump FILE | hold FILE | probe FILE\n");
	return 64;
}
