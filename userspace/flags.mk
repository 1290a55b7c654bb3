# SPDX-License-Identifier: GPL-2.0
#
# Flags shared by the aisched tool and the selftest helpers that link its
# objects, so that both build the same way.
#
# The including Makefile sets, before including this file:
#   AISCHED_ROOT  the top of the repository (an absolute path)
#   AISCHED_PKGS  the pkg-config packages it links
#
# and may be given:
#   STATIC=1      link statically (pkg-config --static, -static)
#   V=1           print whole commands instead of "  CC  file" (make -s:
#                 neither)
#   CC, CFLAGS, CPPFLAGS, LDFLAGS, PKG_CONFIG   as usual

PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g

ifeq ($(shell $(PKG_CONFIG) --exists $(AISCHED_PKGS) && echo yes),)
$(error pkg-config cannot find $(AISCHED_PKGS); run scripts/deps.sh tool)
endif

ifeq ($(STATIC),1)
AISCHED_LDFLAGS := -static
AISCHED_LDLIBS := $(shell $(PKG_CONFIG) --static --libs $(AISCHED_PKGS))
else
AISCHED_LDFLAGS :=
AISCHED_LDLIBS := $(shell $(PKG_CONFIG) --libs $(AISCHED_PKGS))
endif

# Our uapi header first, so that <linux/aisched.h> is the one in this tree.
AISCHED_CPPFLAGS := -I$(AISCHED_ROOT)/include/uapi \
		    $(shell $(PKG_CONFIG) --cflags $(AISCHED_PKGS))
AISCHED_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -MMD -MP

ifeq ($(V),1)
Q :=
msg =
else ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
Q := @
msg =
else
Q := @
msg = @printf '  %-7s %s\n' '$(1)' '$(2)'
endif
