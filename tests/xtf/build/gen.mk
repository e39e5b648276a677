# xtf-lite: what XTF's build/gen.mk does for a test, for this environment:
# compile obj-perenv with the environment (env/), link a flat image at
# 0x10000, put it behind a boot sector on a raw disk image, and write the
# xl configuration: $(O)/test-hvm32-$(NAME).{img,cfg}.

ifeq ($(filter hvm32,$(TEST-ENVS)),)
$(error $(NAME): this environment provides hvm32 only)
endif

vpath %.c $(ROOT)/env
vpath %.S $(ROOT)/env

ENV_OBJS := head.o console.o format.o libc.o report.o trap-entry.o traps.o
# Objects per test, so that tests can share one output directory.
OBJ_DIR := $(O)/obj-$(NAME)
TEST_OBJS := $(addprefix $(OBJ_DIR)/,$(ENV_OBJS) $(obj-perenv))
IMAGE := $(O)/test-hvm32-$(NAME)

.PHONY: all
all: $(IMAGE).img $(IMAGE).cfg

$(OBJ_DIR)/%.o: %.c
	@mkdir -p $(OBJ_DIR)
	$(CC) $(CPPFLAGS_xtf) $(CFLAGS_xtf) $(CFLAGS) -c $< -o $@

$(OBJ_DIR)/%.o: %.S
	@mkdir -p $(OBJ_DIR)
	$(CC) $(CPPFLAGS_xtf) $(ASFLAGS_xtf) -c $< -o $@

$(IMAGE).elf: $(TEST_OBJS) $(ROOT)/env/link.ld
	$(LD) -m elf_i386 --no-warn-rwx-segments -T $(ROOT)/env/link.ld \
		-o $@ $(TEST_OBJS)

$(IMAGE).bin: $(IMAGE).elf
	$(OBJCOPY) -O binary $< $@

# The boot sector knows how many sectors follow it.
$(IMAGE).img: $(IMAGE).bin $(ROOT)/env/mbr.S
	sectors=$$(( ($$(stat -c %s $<) + 511) / 512 )); \
	$(CC) -m32 -c -DIMAGE_SECTORS=$$sectors $(ROOT)/env/mbr.S \
		-o $(IMAGE).mbr.o && \
	$(LD) -m elf_i386 -Ttext=0x7c00 --oformat binary \
		-o $(IMAGE).mbr $(IMAGE).mbr.o && \
	cat $(IMAGE).mbr $< > $@.tmp && \
	truncate -s 1M $@.tmp && mv $@.tmp $@

$(IMAGE).cfg: $(ROOT)/build/hvm32.cfg.in $(TEST-EXTRA-CFG)
	sed -e 's|@@NAME@@|$(NAME)|g' $(ROOT)/build/hvm32.cfg.in > $@.tmp
	$(if $(TEST-EXTRA-CFG),cat $(TEST-EXTRA-CFG) >> $@.tmp)
	mv $@.tmp $@

.PHONY: clean
clean:
	rm -rf $(OBJ_DIR) $(IMAGE).*
