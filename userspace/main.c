// SPDX-License-Identifier: GPL-2.0
/*
 * Entry point of the aisched tool. Everything else lives in aisched.c, so
 * that the unit tests can link the dispatcher as it is.
 */

#include "aisched.h"

int main(int argc, char *argv[])
{
	return aisched_main(argc, argv);
}
