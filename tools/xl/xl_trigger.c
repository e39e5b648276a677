/*
 * xl trigger <domain> <nmi|reset|init|power|sleep|s3resume> [<vcpu>]
 *
 * Same syntax as before; what changed is that a failed trigger is reported
 * and makes xl exit non-zero (it used to print libxl's log and exit 0).
 *
 * SPDX-License-Identifier: LGPL-2.1-only
 */

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxl.h>
#include <libxl_utils.h>

#include <virtio-s3/xs-proto.h>

#include "xl.h"
#include "xl_utils.h"

/* What to tell the user when libxl_send_trigger() failed with rc. */
static void report_failure(uint32_t domid, libxl_trigger trigger, int rc)
{
    const char *name = libxl_trigger_to_string(trigger);
    bool resume = trigger == LIBXL_TRIGGER_S3RESUME;
    libxl_dominfo info;

    switch (rc) {
    case ERROR_DOMAIN_NOTFOUND:
        fprintf(stderr, "domain %u does not exist\n", domid);
        return;
#ifdef LIBXL_HAVE_VIRTIO_S3_RESUME
    case ERROR_DOMAIN_NOT_SUSPENDED:
        fprintf(stderr, "domain %u is not suspended (ACPI S3); nothing to "
                "resume\n", domid);
        return;
    case ERROR_IN_PROGRESS:
        fprintf(stderr, "domain %u: another %s is already in progress\n",
                domid, name);
        return;
    case ERROR_DEVICE_MODEL_GONE:
        fprintf(stderr, "domain %u: its device model is not running\n", domid);
        return;
    case ERROR_DEVICE_MODEL_PROTOCOL:
        fprintf(stderr, "domain %u: the device model answered %s outside its "
                "protocol (see the log above)\n", domid, name);
        return;
#endif
    case ERROR_TIMEDOUT:
        fprintf(stderr, "domain %u: the device model did not answer %s "
                "within %d s\n", domid, name, VS3_RESUME_TIMEOUT_S);
        return;
    case ERROR_DOMAIN_DESTROYED:
        fprintf(stderr, "domain %u was destroyed during %s\n", domid, name);
        return;
    case ERROR_INVAL:
        libxl_dominfo_init(&info);
        if (resume && !libxl_domain_info(ctx, &info, domid) &&
            info.domain_type != LIBXL_DOMAIN_TYPE_HVM) {
            fprintf(stderr, "domain %u is %s: %s needs an HVM domain with a "
                    "device model\n", domid,
                    libxl_domain_type_to_string(info.domain_type), name);
            libxl_dominfo_dispose(&info);
            return;
        }
        libxl_dominfo_dispose(&info);
        break;
    }
    fprintf(stderr, "failed to send trigger '%s' to domain %u: %s (%d)\n",
            name, domid, libxl_error_to_string(rc), rc);
}

int main_trigger(int argc, char **argv)
{
    uint32_t domid;
    int opt, rc;
    long vcpuid = 0;
    const char *trigger_name;
    libxl_trigger trigger;

    SWITCH_FOREACH_OPT(opt, "", NULL, "trigger", 2) {
        /* No options */
    }

    domid = find_domain(argv[optind++]);

    trigger_name = argv[optind++];
    if (libxl_trigger_from_string(trigger_name, &trigger)) {
        fprintf(stderr, "invalid trigger \"%s\": expected nmi, reset, init, "
                "power, sleep or s3resume\n", trigger_name);
        return EXIT_FAILURE;
    }

    if (argv[optind]) {
        char *end;

        errno = 0;
        vcpuid = strtol(argv[optind], &end, 10);
        if (errno || end == argv[optind] || *end || vcpuid < 0 ||
            vcpuid > INT_MAX) {
            fprintf(stderr, "invalid vcpu \"%s\": expected a vcpu number\n",
                    argv[optind]);
            return EXIT_FAILURE;
        }
    }

    rc = libxl_send_trigger(ctx, domid, trigger, vcpuid, NULL);
    if (rc) {
        report_failure(domid, trigger, rc);
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}

/*
 * Local variables:
 * mode: C
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
