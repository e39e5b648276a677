/*
 * ACPI table walking: PM1a_CNT, the S3 sleep type and the FACS
 *
 * RSDP (EBDA, then 0xE0000-0xFFFFF) -> RSDT -> FADT (PM1a_CNT, FACS, DSDT)
 * and the \_S3_ package (in an SSDT on Xen, in the DSDT elsewhere).
 * Without tables (an XTF test is its own firmware) Xen's fixed layout is
 * used: PM1a_CNT at 0xb004, S3 sleep type 1.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "guest.h"

#define XEN_PM1A_CNT    0xb004
#define XEN_SLP_TYP_S3  1

static const uint8_t *find_rsdp(void)
{
    uint32_t ebda = (uint32_t)(*(volatile uint16_t *)0x40e) << 4;

    if (ebda) {
        for (uint32_t a = ebda; a < ebda + 1024; a += 16) {
            if (!memcmp((const void *)a, "RSD PTR ", 8)) {
                return (const uint8_t *)a;
            }
        }
    }
    for (uint32_t a = 0xe0000; a < 0x100000; a += 16) {
        if (!memcmp((const void *)a, "RSD PTR ", 8)) {
            return (const uint8_t *)a;
        }
    }
    return NULL;
}

static uint32_t u32_at(const uint8_t *p)
{
    uint32_t v;

    memcpy(&v, p, 4);
    return v;
}

/* AML: Name(_S3_, Package(){ typ, ... }): NameOp, "_S3_", PackageOp. */
static bool find_s3_package(const uint8_t *table, uint16_t *typ)
{
    uint32_t len = u32_at(table + 4);

    for (uint32_t i = 36; i + 12 < len; i++) {
        const uint8_t *p = table + i;
        unsigned pkglen_bytes;

        if (memcmp(p, "_S3_", 4) || p[4] != 0x12) {
            continue;
        }
        p += 5;                                 /* PkgLength */
        pkglen_bytes = ((p[0] >> 6) & 3) + 1;
        p += pkglen_bytes + 1;                  /* NumElements */
        switch (p[0]) {
        case 0x0a:                              /* BytePrefix */
            *typ = p[1];
            return true;
        case 0x00:                              /* ZeroOp */
        case 0x01:                              /* OneOp */
            *typ = p[0];
            return true;
        default:
            *typ = p[0];
            return true;
        }
    }
    return false;
}

void acpi_find_sleep(AcpiSleep *s)
{
    const uint8_t *rsdp = find_rsdp(), *rsdt, *fadt = NULL;
    uint32_t len;

    *s = (AcpiSleep){ .pm1a_cnt = XEN_PM1A_CNT, .slp_typ_s3 = XEN_SLP_TYP_S3 };
    if (!rsdp) {
        printk("acpi: no RSDP: using Xen's PM1a_CNT 0x%x, S3 type %u\n",
               s->pm1a_cnt, s->slp_typ_s3);
        return;
    }
    rsdt = (const uint8_t *)u32_at(rsdp + 16);
    len = u32_at(rsdt + 4);
    for (uint32_t off = 36; off + 4 <= len; off += 4) {
        const uint8_t *t = (const uint8_t *)u32_at(rsdt + off);

        if (!memcmp(t, "FACP", 4)) {
            fadt = t;
        }
    }
    if (!fadt) {
        printk("acpi: no FADT: using Xen's defaults\n");
        return;
    }
    s->from_tables = true;
    s->facs = u32_at(fadt + 36);
    if (u32_at(fadt + 64)) {
        s->pm1a_cnt = (uint16_t)u32_at(fadt + 64);
    }
    if (!find_s3_package((const uint8_t *)u32_at(fadt + 40), &s->slp_typ_s3)) {
        for (uint32_t off = 36; off + 4 <= len; off += 4) {
            const uint8_t *t = (const uint8_t *)u32_at(rsdt + off);

            if (!memcmp(t, "SSDT", 4) && find_s3_package(t, &s->slp_typ_s3)) {
                break;
            }
        }
    }
    printk("acpi: FADT %p FACS 0x%x PM1a_CNT 0x%x S3 type %u\n", fadt,
           s->facs, s->pm1a_cnt, s->slp_typ_s3);
}
