# Guest tests in XTF's layout, built with this tree's XTF-compatible
# environment into $(builddir)/tests/xtf/images: test-hvm32-<name>.{img,cfg}.

vs3_xtf_tests = virtio-gpu-s3 virtio-gpu-s3-stock freeze-mode-abi s3-repeat \
	virtio-unplug xenstore-refused

EXTRA_DIST += tests/xtf

.PHONY: xtf-images
xtf-images:
	$(AM_V_GEN)for t in $(vs3_xtf_tests); do \
		$(MAKE) -s -C $(abs_top_srcdir)/tests/xtf/tests/$$t \
			ROOT=$(abs_top_srcdir)/tests/xtf \
			O=$(abs_builddir)/tests/xtf/images || exit 1; \
	done

all-local: xtf-images

clean-local: xtf-images-clean
.PHONY: xtf-images-clean
xtf-images-clean:
	rm -rf tests/xtf/images
