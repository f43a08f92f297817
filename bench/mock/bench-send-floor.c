/*
 * The kernel's floor under a broadcast: what one thread needs just to
 * send() one message to each of CLIENTS connected loopback sockets, with
 * nothing of evtop-mock in the way (no WebSocket, no queue, no libuv, no
 * libwebsockets).  It sets the ceiling for bench-ws-fanout's figures: a
 * one-thread server cannot hand a message to ten thousand sockets faster
 * than this loop does.
 *
 * The sending process (the server's stand-in, on core 0) accepts the
 * connections of a reading process (the clients' stand-in, on core 1),
 * which reads every socket from one epoll set as bench-ws-fanout does.
 * Each of ROUNDS rounds, after a pause in which the reader goes idle, the
 * sender writes BYTES to every socket in turn.  Two figures per round:
 * how long the send() loop took, and for each socket the time from the
 * loop's start to the reader having the whole message.
 *
 * The reader runs twice: first sleeping in epoll_wait() as bench-ws-fanout
 * does, then polling without sleeping.  On loopback the sender's send()
 * also runs the receiving side of TCP and wakes the reader, so a sleeping
 * reader puts the cost of its own wakeups on the sender's core; a real
 * client wakes on its own machine.  The two runs show how much that is.
 * With -t THREADS, a third run splits the sockets between THREADS sending
 * threads free to use every core (the reader keeps core 1): what a pool
 * of writer threads could win on this machine.
 *
 * Usage: bench-send-floor [-n CLIENTS] [-k ROUNDS] [-s BYTES] [-t THREADS]
 * Progress goes to stderr; stdout gets KEY=VALUE lines a shell can source.
 */
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench-util.h"
#include "xmalloc.h"

/* The pause before each round: long enough for the reader to sleep. */
#define FLOOR_PAUSE_MS		50
#define FLOOR_READ_CHUNK	65536

/* What the two processes share: the clock's start and the results. */
struct floor_shared {
	volatile double	 t0;		/* the round's send loop began */
	double		 lat[];		/* rounds * clients, ms */
};

struct floor {
	size_t			 n;
	long			 rounds;
	size_t			 bytes;
	int			 spin;		/* the reader never sleeps */
	int			 threads;	/* sending threads */
	int			 pinned;
	struct floor_shared	*sh;

	/* The sender's side of a run. */
	int			*fds;
	unsigned char		*msg;
	pthread_barrier_t	 start;
	pthread_barrier_t	 end;
};

/* One sending thread's share of the sockets. */
struct floor_part {
	struct floor	*f;
	size_t		 from;
	size_t		 to;
	pthread_t	 thread;
};

static void
floor_die(const char *what, const char *why)
{
	fprintf(stderr, "bench-send-floor: %s: %s\n", what, why);
	exit(1);
}

/* Runs the calling process on core cpu when there are two cores. */
static int
floor_pin(int cpu)
{
	cpu_set_t	set;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return (0);
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return (sched_setaffinity(0, sizeof set, &set) == 0);
}

static void
floor_nodelay(int fd)
{
	int	one = 1;

	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/*
 * The reader: connects every client, says so on ready, then reads until
 * each socket has had its message, round after round, saying so on done.
 */
static void
floor_reader(struct floor *f, const struct sockaddr_in *sin, int ready,
    int done)
{
	struct epoll_event	 ev, evs[1024];
	unsigned char		*buf;
	size_t			*got, i, complete, want;
	long			 k;
	ssize_t			 r;
	int			*fds, ep, nev, j;

	floor_pin(1);
	fds = xcalloc(f->n, sizeof *fds);
	got = xcalloc(f->n, sizeof *got);
	buf = xmalloc(FLOOR_READ_CHUNK);
	if ((ep = epoll_create1(EPOLL_CLOEXEC)) == -1)
		floor_die("epoll_create1", strerror(errno));
	for (i = 0; i < f->n; i++) {
		fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fds[i] == -1 || connect(fds[i], (const struct sockaddr *)sin,
		    sizeof *sin) != 0)
			floor_die("connect", strerror(errno));
		floor_nodelay(fds[i]);
		memset(&ev, 0, sizeof ev);
		ev.events = EPOLLIN;
		ev.data.u64 = i;
		if (epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev) != 0)
			floor_die("epoll_ctl", strerror(errno));
	}
	if (write(ready, "r", 1) != 1)
		floor_die("pipe", strerror(errno));

	for (k = 0; k < f->rounds; k++) {
		want = (size_t)(k + 1) * f->bytes;
		complete = 0;
		while (complete < f->n) {
			nev = epoll_wait(ep, evs, 1024, f->spin ? 0 : -1);
			for (j = 0; j < nev; j++) {
				i = evs[j].data.u64;
				r = read(fds[i], buf, FLOOR_READ_CHUNK);
				if (r <= 0)
					floor_die("read", r == 0 ?
					    "the sender hung up" :
					    strerror(errno));
				got[i] += (size_t)r;
				if (got[i] == want) {
					f->sh->lat[(size_t)k * f->n + i] =
					    bench_now_ms() - f->sh->t0;
					complete++;
				}
			}
		}
		if (write(done, "d", 1) != 1)
			floor_die("pipe", strerror(errno));
	}
	_exit(0);
}

/* Sends the message to the part's sockets. */
static void
floor_send_part(struct floor *f, size_t from, size_t to)
{
	size_t	i, off;
	ssize_t	r;

	for (i = from; i < to; i++) {
		for (off = 0; off < f->bytes; off += (size_t)r) {
			r = send(f->fds[i], f->msg + off, f->bytes - off, 0);
			if (r <= 0)
				floor_die("send", strerror(errno));
		}
	}
}

/* A sending thread beside the main one: one part each round. */
static void *
floor_sender(void *arg)
{
	struct floor_part	*p = arg;
	long			 k;

	for (k = 0; k < p->f->rounds; k++) {
		pthread_barrier_wait(&p->f->start);
		floor_send_part(p->f, p->from, p->to);
		pthread_barrier_wait(&p->f->end);
	}
	return (NULL);
}

/* One run: a reader process, ROUNDS rounds; fills the loop times. */
static void
floor_run(struct floor *f, double *loops)
{
	struct sockaddr_in	 sin;
	struct floor_part	*parts;
	socklen_t		 len = sizeof sin;
	char			 c;
	int			 lfd, ready[2], done[2], status, t;
	size_t			 i;
	pid_t			 pid;
	long			 k;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    bind(lfd, (struct sockaddr *)&sin, sizeof sin) != 0 ||
	    listen(lfd, 4096) != 0 ||
	    getsockname(lfd, (struct sockaddr *)&sin, &len) != 0)
		floor_die("listen", strerror(errno));
	if (pipe(ready) != 0 || pipe(done) != 0)
		floor_die("pipe", strerror(errno));
	if ((pid = fork()) == -1)
		floor_die("fork", strerror(errno));
	if (pid == 0) {
		close(lfd);
		close(ready[0]);
		close(done[0]);
		floor_reader(f, &sin, ready[1], done[1]);
	}
	close(ready[1]);
	close(done[1]);
	f->pinned = f->threads == 1 ? floor_pin(0) : 0;

	f->fds = xcalloc(f->n, sizeof *f->fds);
	for (i = 0; i < f->n; i++) {
		if ((f->fds[i] = accept4(lfd, NULL, NULL, SOCK_CLOEXEC)) == -1)
			floor_die("accept", strerror(errno));
		floor_nodelay(f->fds[i]);
	}
	if (read(ready[0], &c, 1) != 1)
		floor_die("the reader", "it did not connect every client");
	f->msg = xmalloc(f->bytes);
	memset(f->msg, 'x', f->bytes);

	/* Part 0 is the main thread's. */
	parts = xcalloc((size_t)f->threads, sizeof *parts);
	pthread_barrier_init(&f->start, NULL, (unsigned)f->threads);
	pthread_barrier_init(&f->end, NULL, (unsigned)f->threads);
	for (t = 0; t < f->threads; t++) {
		parts[t].f = f;
		parts[t].from = f->n * (size_t)t / (size_t)f->threads;
		parts[t].to = f->n * (size_t)(t + 1) / (size_t)f->threads;
		if (t > 0 && pthread_create(&parts[t].thread, NULL,
		    floor_sender, &parts[t]) != 0)
			floor_die("pthread_create", "no thread");
	}

	for (k = 0; k < f->rounds; k++) {
		usleep(FLOOR_PAUSE_MS * 1000);
		f->sh->t0 = bench_now_ms();
		pthread_barrier_wait(&f->start);
		floor_send_part(f, parts[0].from, parts[0].to);
		pthread_barrier_wait(&f->end);
		loops[k] = bench_now_ms() - f->sh->t0;
		if (read(done[0], &c, 1) != 1)
			floor_die("the reader", "it stopped before the end");
	}

	for (t = 1; t < f->threads; t++)
		pthread_join(parts[t].thread, NULL);
	pthread_barrier_destroy(&f->start);
	pthread_barrier_destroy(&f->end);
	free(parts);
	for (i = 0; i < f->n; i++)
		close(f->fds[i]);
	free(f->fds);
	free(f->msg);
	close(lfd);
	close(ready[0]);
	close(done[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		floor_die("the reader", "it failed");
}

static void
floor_report(struct floor *f, const char *key, const char *what)
{
	struct bench_stats	 loop, lat;
	double			*loops;

	loops = xcalloc((size_t)f->rounds, sizeof *loops);
	floor_run(f, loops);
	bench_stats(loops, (size_t)f->rounds, &loop);
	bench_stats(f->sh->lat, f->n * (size_t)f->rounds, &lat);
	fprintf(stderr, "bench-send-floor: %s: send() to %zu sockets, "
	    "%zu bytes each: loop p50 %.1f ms (%.1f-%.1f); read p50 %.1f ms, "
	    "p95 %.1f ms, p99 %.1f ms\n", what, f->n, f->bytes, loop.p50,
	    loops[0], loop.max, lat.p50, lat.p95, lat.p99);
	printf("FLOOR_%s_LOOP_P50=%.1f\nFLOOR_%s_LOOP_MIN=%.1f\n"
	    "FLOOR_%s_LOOP_MAX=%.1f\nFLOOR_%s_P50=%.1f\nFLOOR_%s_P95=%.1f\n"
	    "FLOOR_%s_P99=%.1f\n", key, loop.p50, key, loops[0], key, loop.max,
	    key, lat.p50, key, lat.p95, key, lat.p99);
	free(loops);
}

static void
floor_usage(void)
{
	fprintf(stderr, "usage: bench-send-floor [-n CLIENTS] [-k ROUNDS] "
	    "[-s BYTES] [-t THREADS]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct floor	 f;
	size_t		 size;
	long		 nofile;
	int		 ch, threads = 1;

	memset(&f, 0, sizeof f);
	f.n = 10000;
	f.rounds = 20;
	f.bytes = 350;
	while ((ch = getopt(argc, argv, "n:k:s:t:")) != -1) {
		switch (ch) {
		case 'n':
			f.n = strtoul(optarg, NULL, 10);
			break;
		case 'k':
			f.rounds = strtol(optarg, NULL, 10);
			break;
		case 's':
			f.bytes = strtoul(optarg, NULL, 10);
			break;
		case 't':
			threads = atoi(optarg);
			break;
		default:
			floor_usage();
		}
	}
	if (optind != argc || f.n < 1 || f.rounds < 1 || f.bytes < 1 ||
	    f.bytes > FLOOR_READ_CHUNK || threads < 1 || threads > 64)
		floor_usage();
	signal(SIGPIPE, SIG_IGN);
	nofile = bench_raise_nofile();
	if (nofile != -1 && (size_t)nofile < f.n + 32) {
		fprintf(stderr, "bench-send-floor: %zu clients need %zu open "
		    "files; the limit is %ld\n", f.n, f.n + 32, nofile);
		return (1);
	}
	size = sizeof *f.sh + f.n * (size_t)f.rounds * sizeof f.sh->lat[0];
	f.sh = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED |
	    MAP_ANONYMOUS, -1, 0);
	if (f.sh == MAP_FAILED)
		floor_die("mmap", strerror(errno));

	f.threads = 1;
	f.spin = 0;
	floor_report(&f, "SLEEP", "one thread on core 0, reader sleeping");
	printf("FLOOR_PINNED=%d\n", f.pinned);
	f.spin = 1;
	floor_report(&f, "SPIN", "one thread on core 0, reader polling");
	if (threads > 1) {
		f.threads = threads;
		f.spin = 0;
		floor_report(&f, "THREADS", "threads on any core, reader "
		    "sleeping");
		printf("FLOOR_THREADS=%d\n", threads);
	}
	printf("FLOOR_N=%zu\nFLOOR_K=%ld\nFLOOR_BYTES=%zu\n", f.n, f.rounds,
	    f.bytes);
	munmap(f.sh, size);
	return (0);
}
