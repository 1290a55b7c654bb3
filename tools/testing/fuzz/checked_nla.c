// SPDX-License-Identifier: GPL-2.0
/*
 * libnl's attribute getters as the fuzz targets link them: the same
 * values, read by code that AddressSanitizer sees, and with the getters'
 * unwritten precondition checked: the attribute holds the bytes read.
 *
 * libnl is not instrumented, and its nla_get_u16() and nla_get_u32() read
 * whatever follows an attribute too short for them (the next attribute's
 * header, or what lies past the message); its nla_get_u64() returns 0 for
 * one. Either way, a decoder that forgot a length check would go unseen.
 * These definitions, in the executable, take the place of the shared
 * library's for the tool's calls (ELF symbol interposition).
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>

static void get(const struct nlattr *nla, void *out, size_t size,
		const char *getter)
{
	if (nla_len(nla) < (int)size) {
		fprintf(stderr, "checked_nla: %s() on attribute %d of %d bytes\n",
			getter, nla_type(nla), nla_len(nla));
		abort();
	}
	memcpy(out, nla_data(nla), size);
}

uint16_t nla_get_u16(const struct nlattr *nla)
{
	uint16_t v;

	get(nla, &v, sizeof(v), __func__);
	return v;
}

uint32_t nla_get_u32(const struct nlattr *nla)
{
	uint32_t v;

	get(nla, &v, sizeof(v), __func__);
	return v;
}

uint64_t nla_get_u64(const struct nlattr *nla)
{
	uint64_t v;

	get(nla, &v, sizeof(v), __func__);
	return v;
}
