/*
 * xl.cfg: virtio_gpu = "[model=virtio-vga|virtio-gpu-pci|none][,renderer=2d|virgl][,s3=on|off]"
 *
 * A comma-separated list of KEY=VALUE; every key is optional and may be
 * given once.  The empty string means the defaults: virtio-vga, 2D, both
 * S3 mechanisms on.  libxl checks the result against the rest of the
 * configuration (libxl_virtio_gpu.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-only
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxl.h>
#include <libxlutil.h>

#include "xl_parse.h"

static const struct {
    const char *name;
    libxl_virtio_gpu_model model;
} models[] = {
    { "virtio-vga", LIBXL_VIRTIO_GPU_MODEL_VIRTIO_VGA },
    { "virtio-gpu-pci", LIBXL_VIRTIO_GPU_MODEL_VIRTIO_GPU_PCI },
    { "none", LIBXL_VIRTIO_GPU_MODEL_NONE },
};

/* "on"/"off" and their usual spellings: 1 or 0, -1 for anything else. */
static int parse_switch(const char *v)
{
    if (!strcmp(v, "on") || !strcmp(v, "1") || !strcmp(v, "yes"))
        return 1;
    if (!strcmp(v, "off") || !strcmp(v, "0") || !strcmp(v, "no"))
        return 0;
    return -1;
}

static int bad(const char *spec, const char *what, const char *item)
{
    fprintf(stderr, "virtio_gpu=\"%s\": %s \"%s\"\n", spec, what, item);
    return ERROR_INVAL;
}

int parse_virtio_gpu_config(libxl_virtio_gpu_info *g, const char *spec)
{
    char *buf = strdup(spec), *item, *save = NULL;
    bool have_model = false, have_renderer = false, have_s3 = false;
    int rc = 0;

    if (!buf) {
        perror("virtio_gpu");
        return ERROR_NOMEM;
    }
    libxl_virtio_gpu_info_init(g);
    g->model = LIBXL_VIRTIO_GPU_MODEL_VIRTIO_VGA;
    if (strstr(spec, ",,") || spec[0] == ',' ||
        (spec[0] && spec[strlen(spec) - 1] == ',')) {
        free(buf);
        return bad(spec, "empty item in", spec);
    }

    for (item = strtok_r(buf, ",", &save); item && !rc;
         item = strtok_r(NULL, ",", &save)) {
        char *key = item + strspn(item, " \t");
        char *val = strchr(key, '=');
        char *end;
        int on;

        if (!val) {
            rc = bad(spec, "expected KEY=VALUE, got", key);
            break;
        }
        *val++ = '\0';
        end = key + strcspn(key, " \t");
        if (end == key || end[strspn(end, " \t")] != '\0') {
            rc = bad(spec, "expected KEY=VALUE, got the key", key);
            break;
        }
        *end = '\0';
        val += strspn(val, " \t");
        end = val + strcspn(val, " \t");
        if (end[strspn(end, " \t")] != '\0') {
            /* "model=virtio-gpu-pci s3=off": a comma is missing. */
            rc = bad(spec, "one value per key, separated by commas:", val);
            break;
        }
        *end = '\0';

        if (!strcmp(key, "model")) {
            unsigned i;

            if (have_model) {
                rc = bad(spec, "key given twice:", key);
                break;
            }
            have_model = true;
            for (i = 0; i < sizeof(models) / sizeof(models[0]); i++)
                if (!strcmp(val, models[i].name))
                    break;
            if (i == sizeof(models) / sizeof(models[0])) {
                rc = bad(spec, "model must be virtio-vga, virtio-gpu-pci or "
                         "none, not", val);
                break;
            }
            g->model = models[i].model;
        } else if (!strcmp(key, "renderer")) {
            if (have_renderer) {
                rc = bad(spec, "key given twice:", key);
                break;
            }
            have_renderer = true;
            if (!strcmp(val, "2d")) {
                libxl_defbool_set(&g->virgl, false);
            } else if (!strcmp(val, "virgl")) {
                libxl_defbool_set(&g->virgl, true);
            } else {
                rc = bad(spec, "renderer must be 2d or virgl, not", val);
                break;
            }
        } else if (!strcmp(key, "s3")) {
            if (have_s3) {
                rc = bad(spec, "key given twice:", key);
                break;
            }
            have_s3 = true;
            on = parse_switch(val);
            if (on < 0) {
                rc = bad(spec, "s3 must be on or off, not", val);
                break;
            }
            libxl_defbool_set(&g->s3, on);
        } else {
            rc = bad(spec, "unknown key (model, renderer, s3):", key);
        }
    }
    free(buf);
    return rc;
}

/*
 * Local variables:
 * mode: C
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
