/*
 * A small client of QEMU's qtest protocol and QMP
 *
 * Starts a real QEMU (-accel qtest), plays guest with port I/O and memory
 * accesses over the qtest socket, and plays management tool over QMP.
 * Every call fails the running GLib test on a protocol error or timeout.
 *
 * The binary is taken from $VS3_QEMU, extra firmware directories from
 * $VS3_QEMU_FIRMWARE (colon-separated); $VS3_QEMU_WRAPPER, when set, is a
 * command line put in front of QEMU's (valgrind, for instance), in which
 * "@DIR@" stands for the VM's directory.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef VS3_QTEST_CLIENT_H
#define VS3_QTEST_CLIENT_H

#include <glib.h>
#include <inttypes.h>
#include <stdint.h>

typedef struct QVM QVM;

/*
 * Start QEMU with "-M pc -accel qtest -display none -nodefaults" (unless
 * args give -display) and the given extra arguments (shell syntax).
 */
QVM *qvm_start(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* Quit QEMU (QMP quit), wait for it, check its exit status. */
void qvm_quit(QVM *vm);
/* The same, returning the contents of a file QEMU left in qvm_dir(). */
char *qvm_quit_reading(QVM *vm, const char *name);
/*
 * Wait for QEMU to exit by itself (e.g. after a failed incoming
 * migration); returns its wait status and its log, and frees vm.
 */
int qvm_wait_exit(QVM *vm, char **log);
/* Kill QEMU without asking; for tests that leave it in a bad state. */
void qvm_kill(QVM *vm);

/*
 * g_spawn child setup for every process a test starts: it dies with the
 * test, even when the test aborts on a failed assertion.
 */
void qvm_child_setup(gpointer unused);

/* QEMU's process id, and its resident memory in KiB. */
GPid qvm_pid(QVM *vm);
long qvm_rss_kib(QVM *vm);
/* qtest commands sent so far (each one round trip). */
unsigned long qvm_qtest_commands(QVM *vm);
/* Fill guest memory with a byte, inside QEMU (no transfer). */
void qvm_memset(QVM *vm, uint64_t addr, uint8_t c, size_t len);

/* The directory of this VM's sockets, logs and screendumps. */
const char *qvm_dir(QVM *vm);
/* QEMU's log (-D): trace events and guest errors so far. */
char *qvm_log(QVM *vm);

void qvm_out(QVM *vm, uint16_t port, int size, uint32_t val);
uint32_t qvm_in(QVM *vm, uint16_t port, int size);
void qvm_write(QVM *vm, uint64_t addr, int size, uint64_t val);
uint64_t qvm_read(QVM *vm, uint64_t addr, int size);
void qvm_memwrite(QVM *vm, uint64_t addr, const void *buf, size_t len);
void qvm_memread(QVM *vm, uint64_t addr, void *buf, size_t len);

/*
 * Send a QMP command (JSON text) and return the "return" value's JSON
 * text; g_test_fail()s and returns NULL on an "error" response unless
 * error is non-NULL, in which case *error receives the error text.
 */
char *qvm_qmp(QVM *vm, char **error, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
/* Wait for a QMP event by name (already received ones count). */
/* The same, returning the event's JSON line (to g_free). */
char *qvm_wait_event_line(QVM *vm, const char *event);
void qvm_wait_event(QVM *vm, const char *event);
/* The "status" of query-status, e.g. "running" or "suspended". */
char *qvm_status(QVM *vm);
/* screendump of the default console into a file in qvm_dir(). */
char *qvm_screendump(QVM *vm, const char *name);

#endif /* VS3_QTEST_CLIENT_H */
