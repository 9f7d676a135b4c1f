/* Attack helper for the mxcc escape suite: one subcommand per attack.
 * Prints "OK <detail>" and exits 0 when the operation succeeded, or "DENIED <errno name>" and
 * exits 1 when the kernel refused it. A seccomp kill shows as death by SIGSYS. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/io_uring.h>
#include <linux/keyctl.h>
#include <linux/perf_event.h>
#include <linux/vm_sockets.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/sysmacros.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>
#include <linux/capability.h>

static int done(long r, const char *what) {
    if (r < 0) { printf("DENIED %s %s\n", strerrorname_np(errno), what); return 1; }
    printf("OK %s\n", what); return 0;
}

static int sock(int fam, int type, int proto) { return done(socket(fam, type, proto), "socket"); }

static int connect_in(const char *ip, int port, int type) {
    int s = socket(AF_INET, type, 0);
    if (s < 0) return done(s, "socket");
    struct timeval tv = {1, 0};
    setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, ip, &a.sin_addr);
    if (type == SOCK_DGRAM) {
        const char msg[] = "ESCAPED-UDP";
        long r = sendto(s, msg, sizeof msg, 0, (struct sockaddr *)&a, sizeof a);
        return done(r, "sendto");
    }
    if (connect(s, (struct sockaddr *)&a, sizeof a) < 0) return done(-1, "connect");
    const char msg[] = "ESCAPED-TCP";
    long r = write(s, msg, sizeof msg);
    if (r < 0) return done(r, "write");
    char buf[64] = {0};
    r = read(s, buf, sizeof buf - 1);
    if (r <= 0) { errno = r == 0 ? ECONNRESET : errno; return done(-1, "read"); }
    printf("OK reply %s\n", buf); return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    const char *c = argv[1];
    const char *a1 = argc > 2 ? argv[2] : "", *a2 = argc > 3 ? argv[3] : "";
    if (!strcmp(c, "read")) {
        int fd = open(a1, O_RDONLY);
        if (fd < 0) return done(fd, a1);
        char buf[256] = {0}; long n = read(fd, buf, sizeof buf - 1);
        if (n < 0) return done(n, "read");
        printf("OK %ld bytes: %s\n", n, buf); return 0;
    }
    if (!strcmp(c, "write")) {
        int fd = open(a1, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) return done(fd, a1);
        return done(write(fd, "pwned\n", 6), a1);
    }
    if (!strcmp(c, "truncate")) return done(truncate(a1, 0), a1);
    if (!strcmp(c, "unlink")) return done(unlink(a1), a1);
    if (!strcmp(c, "mkdir")) return done(mkdir(a1, 0755), a1);
    if (!strcmp(c, "symlink")) return done(symlink(a1, a2), a2);
    if (!strcmp(c, "link")) return done(link(a1, a2), a2);
    if (!strcmp(c, "rename")) return done(rename(a1, a2), a2);
    if (!strcmp(c, "mknod")) return done(mknod(a1, S_IFCHR | 0666, makedev(1, 3)), a1);
    if (!strcmp(c, "tcp")) return connect_in(a1, atoi(a2), SOCK_STREAM);
    if (!strcmp(c, "udp")) return connect_in(a1, atoi(a2), SOCK_DGRAM);
    if (!strcmp(c, "raw")) return sock(AF_INET, SOCK_RAW, IPPROTO_ICMP);
    if (!strcmp(c, "packet")) return sock(AF_PACKET, SOCK_RAW, 0);
    if (!strcmp(c, "vsock")) return sock(AF_VSOCK, SOCK_STREAM, 0);
    if (!strcmp(c, "netlink-audit")) return sock(AF_NETLINK, SOCK_RAW, 9);
    if (!strcmp(c, "inet")) return sock(AF_INET, SOCK_STREAM, 0);
    if (!strcmp(c, "inet6")) return sock(AF_INET6, SOCK_DGRAM, 0);
    if (!strcmp(c, "unixpair")) { int sv[2]; return done(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), "socketpair"); }
    if (!strcmp(c, "abstract") || !strcmp(c, "pathsock")) {
        int s = socket(AF_UNIX, SOCK_STREAM, 0);
        if (s < 0) return done(s, "socket");
        struct sockaddr_un a = {.sun_family = AF_UNIX};
        socklen_t len;
        if (!strcmp(c, "abstract")) { a.sun_path[0] = 0; strncpy(a.sun_path + 1, a1, sizeof a.sun_path - 2); len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(a1); }
        else { strncpy(a.sun_path, a1, sizeof a.sun_path - 1); len = sizeof a; }
        return done(connect(s, (struct sockaddr *)&a, len), "connect");
    }
    if (!strcmp(c, "io_uring")) { struct io_uring_params p = {0}; return done(syscall(__NR_io_uring_setup, 4, &p), "io_uring_setup"); }
    if (!strcmp(c, "x32")) { long r = syscall(0x40000000 | 39 /* getpid */); return done(r, "x32 getpid"); }
    if (!strcmp(c, "tiocsti")) { char ch = 'x'; return done(ioctl(0, TIOCSTI, &ch), "TIOCSTI"); }
    if (!strcmp(c, "mount")) return done(mount("none", "/tmp", "tmpfs", 0, NULL), "mount");
    if (!strcmp(c, "unshare-user")) return done(unshare(CLONE_NEWUSER), "unshare");
    if (!strcmp(c, "unshare-net")) return done(unshare(CLONE_NEWNET), "unshare");
    if (!strcmp(c, "clone-newuser")) {
        long r = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
        if (r == 0) _exit(0);
        return done(r, "clone(CLONE_NEWUSER)");
    }
    if (!strcmp(c, "keyctl")) return done(syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_USER_KEYRING, 0), "keyctl");
    if (!strcmp(c, "add_key")) return done(syscall(SYS_add_key, "user", "mxcc", "x", 1, KEY_SPEC_SESSION_KEYRING), "add_key");
    if (!strcmp(c, "bpf")) { union bpf_attr at = {0}; at.map_type = BPF_MAP_TYPE_ARRAY; at.key_size = 4; at.value_size = 4; at.max_entries = 1; return done(syscall(SYS_bpf, BPF_MAP_CREATE, &at, sizeof at), "bpf"); }
    if (!strcmp(c, "perf")) { struct perf_event_attr pe = {0}; pe.type = PERF_TYPE_SOFTWARE; pe.size = sizeof pe; pe.config = PERF_COUNT_SW_CPU_CLOCK; return done(syscall(SYS_perf_event_open, &pe, 0, -1, -1, 0), "perf_event_open"); }
    if (!strcmp(c, "ptrace")) return done(ptrace(PTRACE_ATTACH, atoi(a1), 0, 0), "ptrace");
    if (!strcmp(c, "ptrace-parent")) return done(ptrace(PTRACE_ATTACH, getppid(), 0, 0), "ptrace(parent)");
    if (!strcmp(c, "vmread")) { char buf[8], rbuf[8]; struct iovec l = {buf, 8}, r = {rbuf, 8}; return done(process_vm_readv(atoi(a1), &l, 1, &r, 1, 0), "process_vm_readv"); }
    if (!strcmp(c, "kill")) return done(kill(atoi(a1), SIGTERM), "kill");
    if (!strcmp(c, "chroot")) return done(chroot("/tmp"), "chroot");
    if (!strcmp(c, "setns")) { int fd = open("/proc/self/ns/net", O_RDONLY); return done(setns(fd, 0), "setns"); }
    if (!strcmp(c, "handle")) { struct file_handle *h = malloc(sizeof *h + 128); h->handle_bytes = 128; int m; return done(name_to_handle_at(AT_FDCWD, "/etc/passwd", h, &m, 0), "name_to_handle_at"); }
    if (!strcmp(c, "userfaultfd")) return done(syscall(SYS_userfaultfd, 0), "userfaultfd");
    if (!strcmp(c, "caps")) {
        struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
        struct __user_cap_data_struct d[2] = {0};
        if (syscall(SYS_capget, &h, d) < 0) return done(-1, "capget");
        if (d[0].effective || d[1].effective || d[0].permitted || d[1].permitted) { printf("OK caps %x %x euid %d\n", d[0].effective, d[1].effective, geteuid()); return 0; }
        errno = EPERM; return done(-1, "no capabilities");
    }
    if (!strcmp(c, "nnp")) { printf("nnp=%d seccomp=%d\n", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), prctl(PR_GET_SECCOMP, 0, 0, 0, 0)); return 0; }
    return 2;
}
