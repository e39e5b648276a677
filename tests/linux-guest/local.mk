# The Linux guest of the nested test (Debian 13's stock kernel, busybox, our
# KMS client vs3-drm), built into $(builddir)/tests/linux-guest/images.

EXTRA_DIST += tests/linux-guest

.PHONY: linux-guest-image
linux-guest-image:
	$(AM_V_GEN)$(SHELL) $(top_srcdir)/tests/linux-guest/build-image \
		$(VS3_CACHE_DIR) $(abs_builddir)/tests/linux-guest/images

# Not part of "all": tests/e2e/run-e2e builds the images of the Linux
# guests its test list runs (two by default, more with VS3_E2E_LINUX=1).

AM_TESTS_ENVIRONMENT += \
	VS3_LINUX_GUEST_DIR='$(abs_builddir)/tests/linux-guest/images'; \
	export VS3_LINUX_GUEST_DIR;

clean-local: linux-guest-image-clean
.PHONY: linux-guest-image-clean
linux-guest-image-clean:
	rm -rf tests/linux-guest/images

# The guest driver package (guest/linux): build, checkpatch, DKMS install.
TESTS += tests/linux-guest/test-guest-driver.sh
EXTRA_DIST += guest
