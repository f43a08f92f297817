/*
 * Prints a TCP port on 127.0.0.1 that is free now, for the peers that
 * cannot listen on port 0 and say which port they got (nginx, json-server).
 * The port is released before they bind it: good enough on a quiet
 * loopback, and run.sh checks that each peer answers.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(void)
{
	struct sockaddr_in	sin;
	socklen_t		len = sizeof sin;
	int			fd;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    bind(fd, (struct sockaddr *)&sin, sizeof sin) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sin, &len) != 0) {
		perror("bench-port");
		return (1);
	}
	printf("%d\n", ntohs(sin.sin_port));
	close(fd);
	return (0);
}
