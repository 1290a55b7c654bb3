// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the command lines of tag, untag, list, show and monitor,
 * of the values they parse (--ioprio, --cpus, --gpu, --node, the enum
 * names) and of the TAG_SET request that tag builds.
 */

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include <linux/aisched.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "kselftest_harness.h"

#include "aisched.h"
#include "capture.h"
#include "list.h"
#include "monitor.h"
#include "names.h"
#include "parse.h"
#include "show.h"
#include "tag.h"
#include "untag.h"

#define MAX_ARGS 20

/* Run a parser on a command line given as strings, capturing its output. */
#define PARSE(output, parse, opts, ...) ({				\
	char *argv_[] = { __VA_ARGS__, NULL };				\
	int ret_;							\
									\
	CAPTURE(output, ret_ = parse(argv_count(argv_), argv_, opts));	\
	ret_;								\
})

static void to_argv(char *argv[MAX_ARGS], const char *const src[MAX_ARGS])
{
	int i;

	for (i = 0; i < MAX_ARGS; i++)
		argv[i] = (char *)src[i];
}

FIXTURE(tag_args) {
	struct tag_opts opts;
	struct output output;
	int ret;
};

/*
 * @argv: the command line, "tag" first, NULL-terminated
 * @ret: what tag_parse_args() must return
 * @err: must appear on stderr; NULL if stderr must stay empty
 * @want: the options expected when @ret is 0 (cpus aside)
 * @cpus: the cpulist --cpus must have given, NULL if none
 * @nodes: the list --node must have given, NULL if none
 * @gpus: the GPUs --gpu must have given, in order: "#3" for index 3, else
 *	the address; NULL-terminated
 */
FIXTURE_VARIANT(tag_args) {
	const char *argv[MAX_ARGS];
	int ret;
	const char *err;
	struct tag_opts want;
	const char *cpus;
	const char *nodes;
	const char *gpus[8];
};

FIXTURE_VARIANT_ADD(tag_args, minimal) {
	.argv = { "tag", "/jobs/a", "--class", "training" },
	.want = { .path = "/jobs/a", .class = AISCHED_CLASS_TRAINING },
};

FIXTURE_VARIANT_ADD(tag_args, path_last) {
	.argv = { "tag", "--class", "inference", "/jobs/a" },
	.want = { .path = "/jobs/a", .class = AISCHED_CLASS_INFERENCE },
};

FIXTURE_VARIANT_ADD(tag_args, path_between) {
	.argv = { "tag", "-c", "dataloader", "jobs/a", "--json" },
	.want = { .path = "jobs/a", .class = AISCHED_CLASS_DATALOADER,
		  .json = true },
};

FIXTURE_VARIANT_ADD(tag_args, path_after_double_dash) {
	.argv = { "tag", "--class=background", "--", "-odd-name" },
	.want = { .path = "-odd-name", .class = AISCHED_CLASS_BACKGROUND },
};

FIXTURE_VARIANT_ADD(tag_args, everything) {
	.argv = { "tag", "/jobs/a", "--class", "inference", "--policy", "fifo",
		  "--nice", "-10", "--rt-prio", "10", "--rt-budget-ms", "250",
		  "--ioprio", "be:3", "--cpus", "0-3,6", "-j" },
	.want = { .path = "/jobs/a", .class = AISCHED_CLASS_INFERENCE,
		  .json = true, .has_policy = true, .policy = AISCHED_POLICY_FIFO,
		  .has_nice = true, .nice = -10, .has_rt_prio = true,
		  .rt_prio = 10, .has_rt_budget = true, .rt_budget_ms = 250,
		  .has_io_class = true, .io_class = AISCHED_IO_CLASS_BE,
		  .has_io_level = true, .io_level = 3 },
	.cpus = "0-3,6",
};

/* Ranges are the kernel's: out-of-range values are sent as given. */
FIXTURE_VARIANT_ADD(tag_args, out_of_range_values_pass) {
	.argv = { "tag", "/jobs/a", "-c", "training", "--nice", "50",
		  "--rt-prio", "0", "--rt-budget-ms", "4000000000",
		  "--ioprio", "rt:9" },
	.want = { .path = "/jobs/a", .class = AISCHED_CLASS_TRAINING,
		  .has_nice = true, .nice = 50, .has_rt_prio = true,
		  .has_rt_budget = true, .rt_budget_ms = 4000000000u,
		  .has_io_class = true, .io_class = AISCHED_IO_CLASS_RT,
		  .has_io_level = true, .io_level = 9 },
};

FIXTURE_VARIANT_ADD(tag_args, nice_plus_and_equals) {
	.argv = { "tag", "/a", "-c", "training", "--nice=+5" },
	.want = { .path = "/a", .has_nice = true, .nice = 5 },
};

FIXTURE_VARIANT_ADD(tag_args, nice_extremes) {
	.argv = { "tag", "/a", "-c", "training", "--nice", "-2147483648" },
	.want = { .path = "/a", .has_nice = true, .nice = INT32_MIN },
};

FIXTURE_VARIANT_ADD(tag_args, ioprio_without_level) {
	.argv = { "tag", "/a", "-c", "background", "--ioprio", "idle" },
	.want = { .path = "/a", .class = AISCHED_CLASS_BACKGROUND,
		  .has_io_class = true, .io_class = AISCHED_IO_CLASS_IDLE },
};

FIXTURE_VARIANT_ADD(tag_args, ioprio_ionice_number) {
	.argv = { "tag", "/a", "-c", "training", "--ioprio", "1:0" },
	.want = { .path = "/a", .has_io_class = true,
		  .io_class = AISCHED_IO_CLASS_RT, .has_io_level = true },
};

FIXTURE_VARIANT_ADD(tag_args, last_value_wins) {
	.argv = { "tag", "/a", "-c", "training", "--policy", "idle",
		  "--policy", "batch", "--cpus", "7", "--cpus", "1-2",
		  "-c", "background" },
	.want = { .path = "/a", .class = AISCHED_CLASS_BACKGROUND,
		  .has_policy = true, .policy = AISCHED_POLICY_BATCH },
	.cpus = "1-2",
};

FIXTURE_VARIANT_ADD(tag_args, cpus_high) {
	.argv = { "tag", "/a", "-c", "training", "--cpus", "8191" },
	.want = { .path = "/a" },
	.cpus = "8191",
};

FIXTURE_VARIANT_ADD(tag_args, gpu_address) {
	.argv = { "tag", "/a", "-c", "training", "--gpu", "0000:17:00.0" },
	.want = { .path = "/a" },
	.gpus = { "0000:17:00.0" },
};

FIXTURE_VARIANT_ADD(tag_args, gpu_index) {
	.argv = { "tag", "/a", "-c", "training", "--gpu=0" },
	.want = { .path = "/a" },
	.gpus = { "#0" },
};

/* Repeated and comma-separated, in the order given; duplicates are sent. */
FIXTURE_VARIANT_ADD(tag_args, gpus_repeated_and_listed) {
	.argv = { "tag", "/a", "-c", "training", "--gpu", "1,0000:0b:00.0",
		  "--gpu", "7", "--gpu=0000:00:02.0,1,01" },
	.want = { .path = "/a" },
	.gpus = { "#1", "0000:0b:00.0", "#7", "0000:00:02.0", "#1", "#1" },
};

/* Addresses, and indices out of the kernel's range, are the kernel's. */
FIXTURE_VARIANT_ADD(tag_args, gpu_values_pass) {
	.argv = { "tag", "/a", "-c", "training", "--gpu", "4294967295,gpu0,17:00.0" },
	.want = { .path = "/a" },
	.gpus = { "#4294967295", "gpu0", "17:00.0" },
};

FIXTURE_VARIANT_ADD(tag_args, nodes) {
	.argv = { "tag", "/a", "-c", "inference", "--node", "0,2-3" },
	.want = { .path = "/a", .class = AISCHED_CLASS_INFERENCE },
	.nodes = "0,2-3",
};

FIXTURE_VARIANT_ADD(tag_args, node_high) {
	.argv = { "tag", "/a", "-c", "training", "--node", "1023", "--node", "1" },
	.want = { .path = "/a" },
	.nodes = "1",
};

FIXTURE_VARIANT_ADD(tag_args, placement_and_mem) {
	.argv = { "tag", "/a", "-c", "training", "--gpu", "0",
		  "--placement", "spread", "--mem", "strict" },
	.want = { .path = "/a", .has_placement = true,
		  .placement = AISCHED_PLACEMENT_SPREAD, .has_mem = true,
		  .mem = AISCHED_MEM_STRICT },
	.gpus = { "#0" },
};

/* Whether they go together is the kernel's to say. */
FIXTURE_VARIANT_ADD(tag_args, placement_none_with_mem) {
	.argv = { "tag", "/a", "-c", "background", "--placement=none",
		  "--mem=preferred", "--placement", "local", "--cpus", "1" },
	.want = { .path = "/a", .class = AISCHED_CLASS_BACKGROUND,
		  .has_placement = true, .placement = AISCHED_PLACEMENT_LOCAL,
		  .has_mem = true, .mem = AISCHED_MEM_PREFERRED },
	.cpus = "1",
};

FIXTURE_VARIANT_ADD(tag_args, hugepages) {
	.argv = { "tag", "/a", "-c", "training", "--gpu", "0", "--hugepages", "16" },
	.want = { .path = "/a", .has_hugepages = true, .hugepages = 16 },
	.gpus = { "#0" },
};

FIXTURE_VARIANT_ADD(tag_args, hugepages_on_node) {
	.argv = { "tag", "/a", "-c", "training", "--hugepages=8@1" },
	.want = { .path = "/a", .has_hugepages = true, .hugepages = 8,
		  .has_hugepages_node = true, .hugepages_node = 1 },
};

/* 0 is no quota, sent as such; the node's range is the kernel's. */
FIXTURE_VARIANT_ADD(tag_args, hugepages_zero_and_limits) {
	.argv = { "tag", "/a", "-c", "training", "--hugepages", "0@4294967295" },
	.want = { .path = "/a", .has_hugepages = true, .hugepages = 0,
		  .has_hugepages_node = true, .hugepages_node = UINT32_MAX },
};

/* The last --hugepages wins, node included. */
FIXTURE_VARIANT_ADD(tag_args, hugepages_last_wins) {
	.argv = { "tag", "/a", "-c", "training", "--hugepages", "4@1",
		  "--hugepages", "4294967295" },
	.want = { .path = "/a", .has_hugepages = true, .hugepages = UINT32_MAX },
};

FIXTURE_VARIANT_ADD(tag_args, help) {
	.argv = { "tag", "--help", "--class", "bogus" },
	.want = { .help = true },
};

FIXTURE_VARIANT_ADD(tag_args, help_without_path) {
	.argv = { "tag", "-h" },
	.want = { .help = true },
};

#define TAG_BAD(name, message, ...)					\
	FIXTURE_VARIANT_ADD(tag_args, name) {				\
		.argv = { "tag", __VA_ARGS__ },				\
		.ret = 2,						\
		.err = message,						\
	}

/* A device file that maps to no GPU: not a usage error, but a refusal. */
FIXTURE_VARIANT_ADD(tag_args, gpu_device_not_a_gpu) {
	.argv = { "tag", "/a", "-c", "training", "--gpu", "/dev/null" },
	.ret = 1,
	.err = "aisched: tag: --gpu: /dev/null: character device 1:3 has no PCI device in sysfs",
};

FIXTURE_VARIANT_ADD(tag_args, gpu_device_not_a_device) {
	.argv = { "tag", "/a", "-c", "training", "--gpu", "0,/" },
	.ret = 1,
	.err = "aisched: tag: --gpu: / is not a character device\n",
};

FIXTURE_VARIANT_ADD(tag_args, gpu_device_missing) {
	.argv = { "tag", "/a", "-c", "training", "--gpu", "/dev/nonexistent-gpu" },
	.ret = 1,
	.err = "aisched: tag: --gpu: /dev/nonexistent-gpu: No such file or directory\n",
};

TAG_BAD(no_arguments, "aisched: tag: missing the cgroup PATH\n", NULL);
TAG_BAD(no_path, "aisched: tag: missing the cgroup PATH\n", "-c", "training");
TAG_BAD(no_class, "aisched: tag: missing --class\n", "/jobs/a");
TAG_BAD(two_paths, "aisched: tag: unexpected argument '/b'\n",
	"/a", "-c", "training", "/b");
TAG_BAD(two_paths_after_dashes, "aisched: tag: unexpected argument '/b'\n",
	"-c", "training", "--", "/a", "/b");
TAG_BAD(unknown_class,
	"aisched: tag: --class: 'serving' is not a class (training, inference, dataloader or background)\n",
	"/a", "--class", "serving");
TAG_BAD(class_is_case_sensitive, "--class: 'Training' is not a class",
	"/a", "--class", "Training");
TAG_BAD(class_number, "--class: '0' is not a class", "/a", "--class", "0");
TAG_BAD(class_missing_value, "aisched: tag: option '--class' needs a value\n",
	"/a", "--class");
TAG_BAD(unknown_policy,
	"aisched: tag: --policy: 'rr' is not a policy (normal, batch, idle or fifo)\n",
	"/a", "-c", "training", "--policy", "rr");
TAG_BAD(nice_word, "aisched: tag: --nice: 'low' is not an integer\n",
	"/a", "-c", "training", "--nice", "low");
TAG_BAD(nice_trailing, "aisched: tag: --nice: '5x' is not an integer\n",
	"/a", "-c", "training", "--nice", "5x");
TAG_BAD(nice_sign_only, "--nice: '-' is not an integer",
	"/a", "-c", "training", "--nice", "-");
TAG_BAD(nice_empty, "--nice: '' is not an integer",
	"/a", "-c", "training", "--nice", "");
TAG_BAD(nice_space, "--nice: ' 1' is not an integer",
	"/a", "-c", "training", "--nice", " 1");
TAG_BAD(nice_too_big, "aisched: tag: --nice: '2147483648' does not fit 32 bits\n",
	"/a", "-c", "training", "--nice", "2147483648");
TAG_BAD(rt_prio_negative, "aisched: tag: --rt-prio: '-1' is not a number\n",
	"/a", "-c", "inference", "--rt-prio", "-1");
TAG_BAD(rt_prio_too_big, "aisched: tag: --rt-prio: '4294967296' does not fit 32 bits\n",
	"/a", "-c", "inference", "--rt-prio", "4294967296");
TAG_BAD(rt_budget_hex, "aisched: tag: --rt-budget-ms: '0x10' is not a number\n",
	"/a", "-c", "inference", "--rt-budget-ms", "0x10");
TAG_BAD(slice_with_unit, "aisched: tag: --slice-us: '1ms' is not a number\n",
	"/a", "-c", "inference", "--slice-us", "1ms");
TAG_BAD(ioprio_unknown_class, "aisched: tag: --ioprio: 'high' is not <class>[:<level>]",
	"/a", "-c", "training", "--ioprio", "high");
TAG_BAD(ioprio_bad_level, "--ioprio: 'be:x' is not <class>[:<level>]",
	"/a", "-c", "training", "--ioprio", "be:x");
TAG_BAD(ioprio_empty_level, "--ioprio: 'be:' is not <class>[:<level>]",
	"/a", "-c", "training", "--ioprio", "be:");
TAG_BAD(ioprio_negative_level, "--ioprio: 'be:-1' is not <class>[:<level>]",
	"/a", "-c", "training", "--ioprio", "be:-1");
TAG_BAD(ioprio_two_levels, "--ioprio: 'be:1:2' is not <class>[:<level>]",
	"/a", "-c", "training", "--ioprio", "be:1:2");
TAG_BAD(ioprio_number_4, "--ioprio: '4' is not <class>[:<level>]",
	"/a", "-c", "training", "--ioprio", "4");
TAG_BAD(ioprio_level_only, "--ioprio: ':3' is not <class>[:<level>]",
	"/a", "-c", "training", "--ioprio", ":3");
TAG_BAD(cpus_descending,
	"aisched: tag: --cpus: '3-1' is not a CPU list (such as 0-3,6)\n",
	"/a", "-c", "training", "--cpus", "3-1");
TAG_BAD(cpus_empty, "--cpus: '' is not a CPU list",
	"/a", "-c", "training", "--cpus", "");
TAG_BAD(cpus_trailing_comma, "--cpus: '1,' is not a CPU list",
	"/a", "-c", "training", "--cpus", "1,");
TAG_BAD(cpus_space, "--cpus: '1, 2' is not a CPU list",
	"/a", "-c", "training", "--cpus", "1, 2");
TAG_BAD(cpus_word, "--cpus: 'all' is not a CPU list",
	"/a", "-c", "training", "--cpus", "all");
TAG_BAD(cpus_above_interface,
	"aisched: tag: --cpus: CPU 8192 is above 8191, the largest a request can carry\n",
	"/a", "-c", "training", "--cpus", "0,8192");
TAG_BAD(cpus_range_above_interface, "--cpus: CPU 9000 is above 8191",
	"/a", "-c", "training", "--cpus", "8000-9000");
TAG_BAD(cpus_overflow, "--cpus: '99999999999999999999999' is not a CPU list",
	"/a", "-c", "training", "--cpus", "99999999999999999999999");
TAG_BAD(gpu_empty,
	"aisched: tag: --gpu: '' is not a GPU (an index or a PCI address such as 0000:17:00.0)\n",
	"/a", "-c", "training", "--gpu", "");
TAG_BAD(gpu_empty_item, "aisched: tag: --gpu: '' is not a GPU",
	"/a", "-c", "training", "--gpu", "0,,1");
TAG_BAD(gpu_trailing_comma, "aisched: tag: --gpu: '' is not a GPU",
	"/a", "-c", "training", "--gpu", "0000:17:00.0,");
TAG_BAD(gpu_index_too_big,
	"aisched: tag: --gpu: '4294967296' does not fit 32 bits\n",
	"/a", "-c", "training", "--gpu", "0,4294967296");
TAG_BAD(gpu_missing_value, "aisched: tag: option '--gpu' needs a value\n",
	"/a", "-c", "training", "--gpu");
TAG_BAD(node_word,
	"aisched: tag: --node: 'one' is not a node list (such as 0,2-3)\n",
	"/a", "-c", "training", "--node", "one");
TAG_BAD(node_empty, "--node: '' is not a node list",
	"/a", "-c", "training", "--node", "");
TAG_BAD(node_descending, "--node: '3-1' is not a node list",
	"/a", "-c", "training", "--node", "3-1");
TAG_BAD(node_negative, "--node: '-1' is not a node list",
	"/a", "-c", "training", "--node=-1");
TAG_BAD(node_above_interface,
	"aisched: tag: --node: node 1024 is above 1023, the largest a request can carry\n",
	"/a", "-c", "training", "--node", "0,1024");
TAG_BAD(unknown_placement,
	"aisched: tag: --placement: 'near' is not a placement (local, spread, prefer or none)\n",
	"/a", "-c", "training", "--placement", "near");
TAG_BAD(placement_number, "--placement: '1' is not a placement",
	"/a", "-c", "training", "--placement", "1");
TAG_BAD(placement_case, "--placement: 'Local' is not a placement",
	"/a", "-c", "training", "--placement", "Local");
TAG_BAD(unknown_mem,
	"aisched: tag: --mem: 'bind' is not a memory placement (preferred or strict)\n",
	"/a", "-c", "training", "--mem", "bind");
#define HUGEPAGES_BAD(name, value)					\
	TAG_BAD(hugepages_##name, "aisched: --hugepages: expected N or N@NODE\n", \
		"/a", "-c", "training", "--hugepages", value)

HUGEPAGES_BAD(empty, "");
HUGEPAGES_BAD(word, "many");
HUGEPAGES_BAD(unit, "1G");
HUGEPAGES_BAD(negative, "-1");
HUGEPAGES_BAD(plus, "+4");
HUGEPAGES_BAD(space, " 4");
HUGEPAGES_BAD(hex, "0x10");
HUGEPAGES_BAD(node_only, "@1");
HUGEPAGES_BAD(empty_node, "4@");
HUGEPAGES_BAD(node_word, "4@one");
HUGEPAGES_BAD(negative_node, "4@-1");
HUGEPAGES_BAD(two_nodes, "4@1@2");
HUGEPAGES_BAD(colon, "4:1");
TAG_BAD(hugepages_too_big, "aisched: --hugepages: '4294967296' does not fit 32 bits\n",
	"/a", "-c", "training", "--hugepages", "4294967296");
TAG_BAD(hugepages_node_too_big,
	"aisched: --hugepages: '99999999999' does not fit 32 bits\n",
	"/a", "-c", "training", "--hugepages", "1@99999999999");
TAG_BAD(hugepages_missing_value, "aisched: tag: option '--hugepages' needs a value\n",
	"/a", "-c", "training", "--hugepages");
TAG_BAD(unknown_option, "aisched: tag: unknown option '--prio'\n",
	"/a", "-c", "training", "--prio", "3");
TAG_BAD(value_on_flag, "aisched: tag: option '--json' takes no value\n",
	"/a", "-c", "training", "--json=yes");

FIXTURE_SETUP(tag_args)
{
	char *argv[MAX_ARGS];

	to_argv(argv, variant->argv);
	CAPTURE(&self->output,
		self->ret = tag_parse_args(argv_count(argv), argv, &self->opts));
}

FIXTURE_TEARDOWN(tag_args)
{
	tag_opts_free(&self->opts);
	output_free(&self->output);
}

TEST_F(tag_args, parse)
{
	const struct tag_opts *w = &variant->want, *o = &self->opts;
	char *cpus;
	size_t i;

	ASSERT_EQ(variant->ret, self->ret) TH_LOG("stderr: %s", self->output.err);
	EXPECT_STREQ("", self->output.out);
	if (variant->ret) {
		ASSERT_NE(NULL, strstr(self->output.err, variant->err))
			TH_LOG("stderr: %s", self->output.err);
		/* A usage error shows the usage; a refusal does not. */
		if (variant->ret == 2) {
			EXPECT_NE(NULL, strstr(self->output.err, "Usage: aisched tag PATH"));
		} else {
			EXPECT_EQ(NULL, strstr(self->output.err, "Usage: aisched tag PATH"));
		}
		return;
	}
	EXPECT_STREQ("", self->output.err);
	EXPECT_EQ(w->help, o->help);
	if (w->help)
		return;
	EXPECT_STREQ(w->path, o->path);
	EXPECT_EQ(w->json, o->json);
	EXPECT_EQ(w->class, o->class);
	EXPECT_EQ(w->has_policy, o->has_policy);
	EXPECT_EQ(w->policy, o->policy);
	EXPECT_EQ(w->has_nice, o->has_nice);
	EXPECT_EQ(w->nice, o->nice);
	EXPECT_EQ(w->has_rt_prio, o->has_rt_prio);
	EXPECT_EQ(w->rt_prio, o->rt_prio);
	EXPECT_EQ(w->has_rt_budget, o->has_rt_budget);
	EXPECT_EQ(w->rt_budget_ms, o->rt_budget_ms);
	EXPECT_EQ(w->has_slice, o->has_slice);
	EXPECT_EQ(w->slice_us, o->slice_us);
	EXPECT_EQ(w->has_io_class, o->has_io_class);
	EXPECT_EQ(w->io_class, o->io_class);
	EXPECT_EQ(w->has_io_level, o->has_io_level);
	EXPECT_EQ(w->io_level, o->io_level);
	EXPECT_EQ(w->has_placement, o->has_placement);
	EXPECT_EQ(w->placement, o->placement);
	EXPECT_EQ(w->has_mem, o->has_mem);
	EXPECT_EQ(w->mem, o->mem);
	EXPECT_EQ(w->has_hugepages, o->has_hugepages);
	EXPECT_EQ(w->hugepages, o->hugepages);
	EXPECT_EQ(w->has_hugepages_node, o->has_hugepages_node);
	EXPECT_EQ(w->hugepages_node, o->hugepages_node);
	for (i = 0; variant->gpus[i]; i++) {
		ASSERT_LT(i, o->nr_gpus);
		if (variant->gpus[i][0] == '#') {
			EXPECT_TRUE(o->gpus[i].by_index) TH_LOG("GPU %zu", i);
			EXPECT_EQ(strtoul(variant->gpus[i] + 1, NULL, 10),
				  o->gpus[i].index);
			EXPECT_EQ(NULL, o->gpus[i].address);
		} else {
			EXPECT_FALSE(o->gpus[i].by_index) TH_LOG("GPU %zu", i);
			EXPECT_STREQ(variant->gpus[i], o->gpus[i].address);
		}
	}
	EXPECT_EQ(i, o->nr_gpus);
	if (!variant->nodes) {
		EXPECT_EQ(0, o->nodes.nr_words);
	} else {
		cpus = aisched_cpulist_alloc(&o->nodes);
		ASSERT_NE(NULL, cpus);
		EXPECT_STREQ(variant->nodes, cpus);
		free(cpus);
	}
	if (!variant->cpus) {
		EXPECT_EQ(0, o->cpus.nr_words);
		return;
	}
	cpus = aisched_cpulist_alloc(&o->cpus);
	ASSERT_NE(NULL, cpus);
	EXPECT_STREQ(variant->cpus, cpus);
	free(cpus);
}

/* --ioprio: every spelling of every class. */
TEST(ioprio_spellings)
{
	static const struct {
		const char *s;
		uint32_t io_class;
		bool has_level;
		uint32_t level;
	} cases[] = {
		{ "none", AISCHED_IO_CLASS_NONE, false, 0 },
		{ "0", AISCHED_IO_CLASS_NONE, false, 0 },
		{ "rt", AISCHED_IO_CLASS_RT, false, 0 },
		{ "1", AISCHED_IO_CLASS_RT, false, 0 },
		{ "realtime:7", AISCHED_IO_CLASS_RT, true, 7 },
		{ "be", AISCHED_IO_CLASS_BE, false, 0 },
		{ "2:4", AISCHED_IO_CLASS_BE, true, 4 },
		{ "best-effort:0", AISCHED_IO_CLASS_BE, true, 0 },
		{ "idle", AISCHED_IO_CLASS_IDLE, false, 0 },
		{ "3", AISCHED_IO_CLASS_IDLE, false, 0 },
		{ "idle:0", AISCHED_IO_CLASS_IDLE, true, 0 },
		{ "be:4294967295", AISCHED_IO_CLASS_BE, true, UINT32_MAX },
	};
	static const char *const bad[] = {
		"", ":", "be:", ":1", "BE", "be:1:", "be:4294967296", "5", "01",
		"rt 1", "be:+1", "best_effort", "verylongclassname:1",
	};
	uint32_t io_class, level;
	bool has_level;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		level = 12345;
		ASSERT_EQ(0, aisched_parse_ioprio(cases[i].s, &io_class, &has_level,
						  &level)) TH_LOG("%s", cases[i].s);
		EXPECT_EQ(cases[i].io_class, io_class) TH_LOG("%s", cases[i].s);
		EXPECT_EQ(cases[i].has_level, has_level) TH_LOG("%s", cases[i].s);
		/* Without a level, the level is left alone. */
		EXPECT_EQ(cases[i].has_level ? cases[i].level : 12345u, level);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		const char *s = bad[i];

		EXPECT_EQ(-EINVAL, aisched_parse_ioprio(s, &io_class, &has_level,
							&level))
			TH_LOG("'%s'", s);
	}
}

TEST(parse_s32)
{
	int32_t v = 7;

	EXPECT_EQ(0, aisched_parse_s32("0", &v));
	EXPECT_EQ(0, v);
	EXPECT_EQ(0, aisched_parse_s32("-20", &v));
	EXPECT_EQ(-20, v);
	EXPECT_EQ(0, aisched_parse_s32("2147483647", &v));
	EXPECT_EQ(INT32_MAX, v);
	EXPECT_EQ(-ERANGE, aisched_parse_s32("-2147483649", &v));
	EXPECT_EQ(-ERANGE, aisched_parse_s32("99999999999999999999", &v));
	EXPECT_EQ(-EINVAL, aisched_parse_s32("--1", &v));
	EXPECT_EQ(-EINVAL, aisched_parse_s32("+-1", &v));
	EXPECT_EQ(-EINVAL, aisched_parse_s32("1.5", &v));
	EXPECT_EQ(INT32_MAX, v);
}

TEST(parse_u64)
{
	uint64_t v = 7;

	EXPECT_EQ(0, aisched_parse_u64("18446744073709551615", &v));
	EXPECT_EQ(UINT64_MAX, v);
	EXPECT_EQ(-ERANGE, aisched_parse_u64("18446744073709551616", &v));
	EXPECT_EQ(-EINVAL, aisched_parse_u64("-1", &v));
	EXPECT_EQ(-EINVAL, aisched_parse_u64("", &v));
	EXPECT_EQ(UINT64_MAX, v);
}

/* The names are the spec's, in the uapi header's order. */
TEST(enum_names)
{
	char num[AISCHED_NAME_MAX];
	uint32_t v;

	EXPECT_STREQ("training", aisched_name(&aisched_class_names,
					      AISCHED_CLASS_TRAINING, num));
	EXPECT_STREQ("background", aisched_name(&aisched_class_names,
						AISCHED_CLASS_BACKGROUND, num));
	EXPECT_STREQ("4", aisched_name(&aisched_class_names, 4, num));
	EXPECT_STREQ("fifo", aisched_name(&aisched_policy_names,
					  AISCHED_POLICY_FIFO, num));
	EXPECT_STREQ("be", aisched_name(&aisched_io_class_names,
					AISCHED_IO_CLASS_BE, num));
	EXPECT_STREQ("conflict", aisched_name(&aisched_event_names,
					      AISCHED_EVENT_TYPE_CONFLICT, num));
	EXPECT_STREQ("unload", aisched_name(&aisched_reason_names,
					    AISCHED_REMOVE_REASON_UNLOAD, num));
	EXPECT_STREQ("4294967295", aisched_name(&aisched_reason_names,
						UINT32_MAX, num));
	/* SCHED_* 4 (the old SCHED_ISO) has no name. */
	EXPECT_STREQ("4", aisched_name(&aisched_sched_policy_names, 4, num));
	EXPECT_STREQ("idle", aisched_name(&aisched_sched_policy_names, 5, num));

	EXPECT_STREQ("none", aisched_name(&aisched_placement_names,
					  AISCHED_PLACEMENT_NONE, num));
	EXPECT_STREQ("local", aisched_name(&aisched_placement_names,
					   AISCHED_PLACEMENT_LOCAL, num));
	EXPECT_STREQ("spread", aisched_name(&aisched_placement_names,
					    AISCHED_PLACEMENT_SPREAD, num));
	EXPECT_STREQ("prefer", aisched_name(&aisched_placement_names,
					    AISCHED_PLACEMENT_PREFER, num));
	EXPECT_STREQ("4", aisched_name(&aisched_placement_names, 4, num));
	EXPECT_STREQ("preferred", aisched_name(&aisched_mem_names,
					       AISCHED_MEM_PREFERRED, num));
	EXPECT_STREQ("strict", aisched_name(&aisched_mem_names,
					    AISCHED_MEM_STRICT, num));
	EXPECT_STREQ("2", aisched_name(&aisched_mem_names, 2, num));
	EXPECT_STREQ("discovered", aisched_name(&aisched_node_source_names,
						AISCHED_NODE_SOURCE_DISCOVERED, num));
	EXPECT_STREQ("override", aisched_name(&aisched_node_source_names,
					      AISCHED_NODE_SOURCE_OVERRIDE, num));
	EXPECT_STREQ("unknown", aisched_name(&aisched_node_source_names,
					     AISCHED_NODE_SOURCE_UNKNOWN, num));
	EXPECT_STREQ("3", aisched_name(&aisched_node_source_names, 3, num));
	ASSERT_EQ(0, aisched_name_lookup(&aisched_placement_names, "spread", &v));
	EXPECT_EQ(AISCHED_PLACEMENT_SPREAD, v);
	ASSERT_EQ(0, aisched_name_lookup(&aisched_mem_names, "strict", &v));
	EXPECT_EQ(AISCHED_MEM_STRICT, v);

	ASSERT_EQ(0, aisched_name_lookup(&aisched_class_names, "dataloader", &v));
	EXPECT_EQ(AISCHED_CLASS_DATALOADER, v);
	EXPECT_EQ(-ENOENT, aisched_name_lookup(&aisched_class_names, "", &v));
	EXPECT_EQ(-ENOENT, aisched_name_lookup(&aisched_sched_policy_names, "4", &v));
}

TEST(formats)
{
	char buf[64];

	aisched_policy_format(buf, sizeof(buf), AISCHED_POLICY_NORMAL, -10, 0);
	EXPECT_STREQ("normal:-10", buf);
	aisched_policy_format(buf, sizeof(buf), AISCHED_POLICY_BATCH, 19, 0);
	EXPECT_STREQ("batch:19", buf);
	aisched_policy_format(buf, sizeof(buf), AISCHED_POLICY_IDLE, 5, 0);
	EXPECT_STREQ("idle", buf);
	aisched_policy_format(buf, sizeof(buf), AISCHED_POLICY_FIFO, 0, 49);
	EXPECT_STREQ("fifo:49", buf);
	aisched_policy_format(buf, sizeof(buf), 9, 0, 0);
	EXPECT_STREQ("9", buf);

	aisched_sched_policy_format(buf, sizeof(buf), 0, -5, 0);
	EXPECT_STREQ("normal:-5", buf);
	aisched_sched_policy_format(buf, sizeof(buf), 2, 0, 99);
	EXPECT_STREQ("rr:99", buf);
	aisched_sched_policy_format(buf, sizeof(buf), 6, 0, 0);
	EXPECT_STREQ("deadline", buf);
	aisched_sched_policy_format(buf, sizeof(buf), 42, 0, 0);
	EXPECT_STREQ("42", buf);

	aisched_ioprio_format(buf, sizeof(buf), AISCHED_IO_CLASS_BE, 4);
	EXPECT_STREQ("be:4", buf);
	aisched_ioprio_format(buf, sizeof(buf), AISCHED_IO_CLASS_RT, 0);
	EXPECT_STREQ("rt:0", buf);
	aisched_ioprio_format(buf, sizeof(buf), AISCHED_IO_CLASS_IDLE, 7);
	EXPECT_STREQ("idle", buf);
	aisched_ioprio_format(buf, sizeof(buf), AISCHED_IO_CLASS_NONE, 4);
	EXPECT_STREQ("none", buf);
	aisched_ioprio_format(buf, sizeof(buf), 5, 1);
	EXPECT_STREQ("5:1", buf);

	EXPECT_EQ(1, aisched_override_format(buf, sizeof(buf), 0));
	EXPECT_STREQ("-", buf);
	aisched_override_format(buf, sizeof(buf), AISCHED_OVERRIDE_SCHED |
				AISCHED_OVERRIDE_AFFINITY);
	EXPECT_STREQ("sched,affinity", buf);
	aisched_override_format(buf, sizeof(buf), AISCHED_OVERRIDE_IOPRIO | 0x10);
	EXPECT_STREQ("ioprio,0x10", buf);
	/* Truncated like snprintf(), with the whole length returned. */
	EXPECT_EQ(strlen("sched,affinity,ioprio"),
		  aisched_override_format(buf, 8, 7));
	EXPECT_STREQ("sched,a", buf);

	EXPECT_EQ(0, aisched_feature_format(buf, sizeof(buf), 0));
	EXPECT_STREQ("", buf);
	aisched_feature_format(buf, sizeof(buf), AISCHED_FEATURE_TAGS);
	EXPECT_STREQ("tags", buf);
	aisched_feature_format(buf, sizeof(buf), AISCHED_FEATURE_GPUS);
	EXPECT_STREQ("gpus", buf);
	aisched_feature_format(buf, sizeof(buf), AISCHED_FEATURE_POOL);
	EXPECT_STREQ("pool", buf);
	EXPECT_EQ(4, AISCHED_FEATURE_POOL);
	/* Unknown bits are left to the number. */
	aisched_feature_format(buf, sizeof(buf), 0x8000000000000007ull);
	EXPECT_STREQ("tags, gpus, pool", buf);
	aisched_feature_format(buf, sizeof(buf), 0x8000000000000003ull);
	EXPECT_STREQ("tags, gpus", buf);
	EXPECT_EQ(strlen("tags, gpus"), aisched_feature_format(buf, 6, 3));
	EXPECT_STREQ("tags,", buf);
}

/* Walk the attributes of a request as the kernel would see them. */
static struct nlattr *find_attr(struct nl_msg *msg, int type, int *count)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *a, *found = NULL;
	int rem;

	*count = 0;
	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0),
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem) {
		if (nla_type(a) == type) {
			found = a;
			(*count)++;
		}
	}
	return found;
}

static struct nl_msg *new_request(void)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, 0x1d, 0, 0,
				 AISCHED_CMD_TAG_SET, AISCHED_FAMILY_VERSION))
		abort();
	return msg;
}

TEST(tag_request_all_attributes)
{
	char *argv[] = { "tag", "x", "-c", "inference", "--policy", "fifo",
			 "--nice", "-3", "--rt-prio", "10", "--rt-budget-ms", "80",
			 "--ioprio", "rt:2", "--cpus", "1,33", NULL };
	struct nl_msg *msg = new_request();
	struct tag_opts o;
	struct nlattr *a;
	uint32_t words[2];
	int n;

	ASSERT_EQ(0, tag_parse_args(argv_count(argv), argv, &o));
	ASSERT_EQ(0, tag_put_request(msg, &o, "/sys/fs/cgroup/x"));

	a = find_attr(msg, AISCHED_A_TAG_PATH, &n);
	ASSERT_EQ(1, n);
	EXPECT_STREQ("/sys/fs/cgroup/x", nla_get_string(a));
	EXPECT_EQ(strlen("/sys/fs/cgroup/x") + 1, nla_len(a));
	a = find_attr(msg, AISCHED_A_TAG_CLASS, &n);
	ASSERT_EQ(1, n);
	EXPECT_EQ(AISCHED_CLASS_INFERENCE, nla_get_u32(a));
	a = find_attr(msg, AISCHED_A_TAG_POLICY, &n);
	ASSERT_EQ(1, n);
	EXPECT_EQ(AISCHED_POLICY_FIFO, nla_get_u32(a));
	a = find_attr(msg, AISCHED_A_TAG_NICE, &n);
	ASSERT_EQ(1, n);
	EXPECT_EQ(4, nla_len(a));
	EXPECT_EQ(-3, (int32_t)nla_get_u32(a));
	a = find_attr(msg, AISCHED_A_TAG_RT_PRIO, &n);
	ASSERT_EQ(1, n);
	EXPECT_EQ(10, nla_get_u32(a));
	a = find_attr(msg, AISCHED_A_TAG_RT_BUDGET_MS, &n);
	ASSERT_EQ(1, n);
	EXPECT_EQ(80, nla_get_u32(a));
	a = find_attr(msg, AISCHED_A_TAG_IO_CLASS, &n);
	ASSERT_EQ(1, n);
	EXPECT_EQ(AISCHED_IO_CLASS_RT, nla_get_u32(a));
	a = find_attr(msg, AISCHED_A_TAG_IO_LEVEL, &n);
	ASSERT_EQ(1, n);
	EXPECT_EQ(2, nla_get_u32(a));
	/* Whole 32-bit words, as many as CPU 33 needs. */
	a = find_attr(msg, AISCHED_A_TAG_CPUS, &n);
	ASSERT_EQ(1, n);
	ASSERT_EQ(sizeof(words), nla_len(a));
	memcpy(words, nla_data(a), sizeof(words));
	EXPECT_EQ(0x2, words[0]);
	EXPECT_EQ(0x2, words[1]);
	find_attr(msg, AISCHED_A_TAG_CGROUP_ID, &n);
	EXPECT_EQ(0, n);

	tag_opts_free(&o);
	nlmsg_free(msg);
}

/* Only what the command line gave is sent: the defaults are the class's. */
TEST(tag_request_minimal)
{
	char *argv[] = { "tag", "/a", "--class", "background", NULL };
	static const int absent[] = {
		AISCHED_A_TAG_POLICY, AISCHED_A_TAG_NICE, AISCHED_A_TAG_RT_PRIO,
		AISCHED_A_TAG_RT_BUDGET_MS, AISCHED_A_TAG_IO_CLASS,
		AISCHED_A_TAG_IO_LEVEL, AISCHED_A_TAG_CPUS, AISCHED_A_TAG_GPU,
		AISCHED_A_TAG_GPU_INDEX, AISCHED_A_TAG_NODES,
		AISCHED_A_TAG_PLACEMENT, AISCHED_A_TAG_MEM,
		AISCHED_A_TAG_HUGEPAGES, AISCHED_A_TAG_HUGEPAGES_NODE,
		AISCHED_A_TAG_SLICE_US,
	};
	struct nl_msg *msg = new_request();
	struct tag_opts o;
	size_t i;
	int n;

	ASSERT_EQ(0, tag_parse_args(argv_count(argv), argv, &o));
	ASSERT_EQ(0, tag_put_request(msg, &o, "/a"));
	EXPECT_EQ(AISCHED_CLASS_BACKGROUND,
		  nla_get_u32(find_attr(msg, AISCHED_A_TAG_CLASS, &n)));
	for (i = 0; i < ARRAY_SIZE(absent); i++) {
		find_attr(msg, absent[i], &n);
		EXPECT_EQ(0, n) TH_LOG("attribute %d", absent[i]);
	}
	/* An io class without a level sends no level. */
	tag_opts_free(&o);
	nlmsg_free(msg);
}

/* --slice-us is sent as given: its range and the kernel's support are
 * the kernel's to check.
 */
TEST(tag_request_slice)
{
	char *argv[] = { "tag", "/a", "-c", "inference", "--slice-us", "300", NULL };
	char *big[] = { "tag", "/a", "-c", "inference", "--slice-us", "4000000000", NULL };
	struct nl_msg *msg = new_request();
	struct tag_opts o;
	int n;

	ASSERT_EQ(0, tag_parse_args(argv_count(argv), argv, &o));
	EXPECT_TRUE(o.has_slice);
	EXPECT_EQ(300, o.slice_us);
	ASSERT_EQ(0, tag_put_request(msg, &o, "/a"));
	EXPECT_EQ(300, nla_get_u32(find_attr(msg, AISCHED_A_TAG_SLICE_US, &n)));
	EXPECT_EQ(1, n);
	tag_opts_free(&o);
	nlmsg_free(msg);

	msg = new_request();
	ASSERT_EQ(0, tag_parse_args(argv_count(big), big, &o));
	ASSERT_EQ(0, tag_put_request(msg, &o, "/a"));
	EXPECT_EQ(4000000000u,
		  nla_get_u32(find_attr(msg, AISCHED_A_TAG_SLICE_US, &n)));
	tag_opts_free(&o);
	nlmsg_free(msg);
	EXPECT_STREQ("--slice-us", tag_attr_options[AISCHED_A_TAG_SLICE_US]);
}

TEST(tag_request_io_class_without_level)
{
	char *argv[] = { "tag", "/a", "-c", "training", "--ioprio", "idle", NULL };
	struct nl_msg *msg = new_request();
	struct tag_opts o;
	int n;

	ASSERT_EQ(0, tag_parse_args(argv_count(argv), argv, &o));
	ASSERT_EQ(0, tag_put_request(msg, &o, "/a"));
	EXPECT_EQ(AISCHED_IO_CLASS_IDLE,
		  nla_get_u32(find_attr(msg, AISCHED_A_TAG_IO_CLASS, &n)));
	find_attr(msg, AISCHED_A_TAG_IO_LEVEL, &n);
	EXPECT_EQ(0, n);
	tag_opts_free(&o);
	nlmsg_free(msg);
}

/*
 * GPUs go as one attribute each, gpu-index for numbers and gpu for
 * addresses, in the order given: the order the kernel lists them in.
 */
TEST(tag_request_gpus_nodes_placement)
{
	char *argv[] = { "tag", "/a", "-c", "training", "--gpu", "2,0000:0b:00.0",
			 "--node", "1,33", "--gpu", "0", "--placement", "local",
			 "--mem", "strict", NULL };
	static const struct {
		int type;
		const char *address;
		uint32_t index;
	} want[] = {
		{ AISCHED_A_TAG_GPU_INDEX, NULL, 2 },
		{ AISCHED_A_TAG_GPU, "0000:0b:00.0", 0 },
		{ AISCHED_A_TAG_GPU_INDEX, NULL, 0 },
	};
	struct nl_msg *msg = new_request();
	struct nlmsghdr *nlh;
	struct tag_opts o;
	struct nlattr *a;
	uint32_t words[2];
	size_t i = 0;
	int n, rem;

	ASSERT_EQ(0, tag_parse_args(argv_count(argv), argv, &o));
	ASSERT_EQ(0, tag_put_request(msg, &o, "/a"));

	nlh = nlmsg_hdr(msg);
	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0),
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem) {
		if (nla_type(a) != AISCHED_A_TAG_GPU &&
		    nla_type(a) != AISCHED_A_TAG_GPU_INDEX)
			continue;
		ASSERT_LT(i, ARRAY_SIZE(want));
		EXPECT_EQ(want[i].type, nla_type(a)) TH_LOG("GPU %zu", i);
		if (want[i].address) {
			EXPECT_STREQ(want[i].address, nla_get_string(a));
			EXPECT_EQ(strlen(want[i].address) + 1, nla_len(a));
		} else {
			EXPECT_EQ(4, nla_len(a));
			EXPECT_EQ(want[i].index, nla_get_u32(a));
		}
		i++;
	}
	EXPECT_EQ(ARRAY_SIZE(want), i);

	/* Whole 32-bit words, as many as node 33 needs. */
	a = find_attr(msg, AISCHED_A_TAG_NODES, &n);
	ASSERT_EQ(1, n);
	ASSERT_EQ(sizeof(words), nla_len(a));
	memcpy(words, nla_data(a), sizeof(words));
	EXPECT_EQ(0x2, words[0]);
	EXPECT_EQ(0x2, words[1]);
	a = find_attr(msg, AISCHED_A_TAG_PLACEMENT, &n);
	ASSERT_EQ(1, n);
	EXPECT_EQ(AISCHED_PLACEMENT_LOCAL, nla_get_u32(a));
	a = find_attr(msg, AISCHED_A_TAG_MEM, &n);
	ASSERT_EQ(1, n);
	EXPECT_EQ(AISCHED_MEM_STRICT, nla_get_u32(a));
	find_attr(msg, AISCHED_A_TAG_CPUS, &n);
	EXPECT_EQ(0, n);
	find_attr(msg, AISCHED_A_TAG_TARGET_NODES, &n);
	EXPECT_EQ(0, n);

	tag_opts_free(&o);
	EXPECT_EQ(0, o.nr_gpus);
	EXPECT_EQ(NULL, o.gpus);
	nlmsg_free(msg);
}

/* placement none is sent as such: it is not the default for training. */
TEST(tag_request_placement_none)
{
	char *argv[] = { "tag", "/a", "-c", "training", "--gpu", "0000:0b:00.0",
			 "--placement", "none", NULL };
	struct nl_msg *msg = new_request();
	struct tag_opts o;
	struct nlattr *a;
	int n;

	ASSERT_EQ(0, tag_parse_args(argv_count(argv), argv, &o));
	ASSERT_EQ(0, tag_put_request(msg, &o, "/a"));
	a = find_attr(msg, AISCHED_A_TAG_PLACEMENT, &n);
	ASSERT_EQ(1, n);
	EXPECT_EQ(AISCHED_PLACEMENT_NONE, nla_get_u32(a));
	find_attr(msg, AISCHED_A_TAG_MEM, &n);
	EXPECT_EQ(0, n);
	a = find_attr(msg, AISCHED_A_TAG_GPU, &n);
	ASSERT_EQ(1, n);
	EXPECT_STREQ("0000:0b:00.0", nla_get_string(a));
	tag_opts_free(&o);
	nlmsg_free(msg);
}

/* --hugepages N sends hugepages alone; N@NODE adds hugepages-node. */
TEST(tag_request_hugepages)
{
	char *quota[] = { "tag", "/a", "-c", "training", "--hugepages", "12", NULL };
	char *on_node[] = { "tag", "/a", "-c", "training", "--hugepages", "0@1", NULL };
	struct nl_msg *msg = new_request();
	struct tag_opts o;
	struct nlattr *a;
	int n;

	ASSERT_EQ(0, tag_parse_args(argv_count(quota), quota, &o));
	ASSERT_EQ(0, tag_put_request(msg, &o, "/a"));
	a = find_attr(msg, AISCHED_A_TAG_HUGEPAGES, &n);
	ASSERT_EQ(1, n);
	EXPECT_EQ(4, nla_len(a));
	EXPECT_EQ(12, nla_get_u32(a));
	find_attr(msg, AISCHED_A_TAG_HUGEPAGES_NODE, &n);
	EXPECT_EQ(0, n);
	find_attr(msg, AISCHED_A_TAG_HUGEPAGES_USED, &n);
	EXPECT_EQ(0, n);
	tag_opts_free(&o);
	nlmsg_free(msg);

	/* 0 is sent: the kernel refuses a node without a quota. */
	msg = new_request();
	ASSERT_EQ(0, tag_parse_args(argv_count(on_node), on_node, &o));
	ASSERT_EQ(0, tag_put_request(msg, &o, "/a"));
	a = find_attr(msg, AISCHED_A_TAG_HUGEPAGES, &n);
	ASSERT_EQ(1, n);
	EXPECT_EQ(0, nla_get_u32(a));
	a = find_attr(msg, AISCHED_A_TAG_HUGEPAGES_NODE, &n);
	ASSERT_EQ(1, n);
	EXPECT_EQ(4, nla_len(a));
	EXPECT_EQ(1, nla_get_u32(a));
	tag_opts_free(&o);
	nlmsg_free(msg);
}

/* GPU words: digits are an index, anything else an address. */
TEST(parse_gpu)
{
	uint32_t index = 7;

	EXPECT_EQ(1, aisched_parse_gpu("0", &index));
	EXPECT_EQ(0, index);
	EXPECT_EQ(1, aisched_parse_gpu("0012", &index));
	EXPECT_EQ(12, index);
	EXPECT_EQ(1, aisched_parse_gpu("4294967295", &index));
	EXPECT_EQ(UINT32_MAX, index);
	EXPECT_EQ(-ERANGE, aisched_parse_gpu("4294967296", &index));
	EXPECT_EQ(-EINVAL, aisched_parse_gpu("", &index));
	index = 7;
	EXPECT_EQ(0, aisched_parse_gpu("0000:17:00.0", &index));
	EXPECT_EQ(0, aisched_parse_gpu("17:00.0", &index));
	EXPECT_EQ(0, aisched_parse_gpu("-1", &index));
	EXPECT_EQ(0, aisched_parse_gpu("+1", &index));
	EXPECT_EQ(0, aisched_parse_gpu(" 1", &index));
	EXPECT_EQ(0, aisched_parse_gpu("1 ", &index));
	EXPECT_EQ(0, aisched_parse_gpu("0x1", &index));
	EXPECT_EQ(7, index);
}

/* The kernel's bad-attribute offset names the option that set it. */
TEST(bad_attribute_option_names)
{
	EXPECT_STREQ("--nice", tag_attr_options[AISCHED_A_TAG_NICE]);
	EXPECT_STREQ("--class", tag_attr_options[AISCHED_A_TAG_CLASS]);
	EXPECT_STREQ("--policy", tag_attr_options[AISCHED_A_TAG_POLICY]);
	EXPECT_STREQ("--rt-prio", tag_attr_options[AISCHED_A_TAG_RT_PRIO]);
	EXPECT_STREQ("--rt-budget-ms", tag_attr_options[AISCHED_A_TAG_RT_BUDGET_MS]);
	EXPECT_STREQ("--ioprio", tag_attr_options[AISCHED_A_TAG_IO_CLASS]);
	EXPECT_STREQ("--ioprio", tag_attr_options[AISCHED_A_TAG_IO_LEVEL]);
	EXPECT_STREQ("--cpus", tag_attr_options[AISCHED_A_TAG_CPUS]);
	EXPECT_STREQ("--gpu", tag_attr_options[AISCHED_A_TAG_GPU]);
	EXPECT_STREQ("--gpu", tag_attr_options[AISCHED_A_TAG_GPU_INDEX]);
	EXPECT_STREQ("--node", tag_attr_options[AISCHED_A_TAG_NODES]);
	EXPECT_STREQ("--placement", tag_attr_options[AISCHED_A_TAG_PLACEMENT]);
	EXPECT_STREQ("--mem", tag_attr_options[AISCHED_A_TAG_MEM]);
	EXPECT_STREQ("--hugepages", tag_attr_options[AISCHED_A_TAG_HUGEPAGES]);
	EXPECT_STREQ("--hugepages", tag_attr_options[AISCHED_A_TAG_HUGEPAGES_NODE]);
	EXPECT_EQ(NULL, tag_attr_options[AISCHED_A_TAG_HUGEPAGES_USED]);
	EXPECT_EQ(NULL, tag_attr_options[AISCHED_A_TAG_PATH]);
	EXPECT_EQ(NULL, tag_attr_options[AISCHED_A_TAG_TARGET_NODES]);
}

TEST(untag_args)
{
	struct untag_opts o;
	struct output out;
	int ret;

	ret = PARSE(&out, untag_parse_args, &o, "untag", "/a");
	EXPECT_EQ(0, ret);
	EXPECT_STREQ("/a", o.path);
	EXPECT_FALSE(o.has_id);
	EXPECT_STREQ("", out.err);
	output_free(&out);

	ret = PARSE(&out, untag_parse_args, &o, "untag", "--id", "18446744073709551615");
	EXPECT_EQ(0, ret);
	EXPECT_EQ(NULL, o.path);
	EXPECT_TRUE(o.has_id);
	EXPECT_EQ(UINT64_MAX, o.id);
	output_free(&out);

	ret = PARSE(&out, untag_parse_args, &o, "untag", "-i42");
	EXPECT_EQ(0, ret);
	EXPECT_EQ(42, o.id);
	output_free(&out);

	ret = PARSE(&out, untag_parse_args, &o, "untag");
	EXPECT_EQ(2, ret);
	EXPECT_NE(NULL, strstr(out.err, "aisched: untag: missing the cgroup PATH (or --id)\n"
					"Usage: aisched untag PATH\n"));
	output_free(&out);

	ret = PARSE(&out, untag_parse_args, &o, "untag", "--id", "3", "/a");
	EXPECT_EQ(2, ret);
	EXPECT_NE(NULL, strstr(out.err, "aisched: untag: give PATH or --id, not both\n"));
	output_free(&out);

	ret = PARSE(&out, untag_parse_args, &o, "untag", "--id", "-3");
	EXPECT_EQ(2, ret);
	EXPECT_NE(NULL, strstr(out.err, "aisched: untag: --id: '-3' is not a number\n"));
	output_free(&out);

	ret = PARSE(&out, untag_parse_args, &o, "untag", "/a", "/b");
	EXPECT_EQ(2, ret);
	EXPECT_NE(NULL, strstr(out.err, "aisched: untag: unexpected argument '/b'\n"));
	output_free(&out);
}

TEST(list_args)
{
	struct list_opts o;
	struct output out;
	int ret;

	ret = PARSE(&out, list_parse_args, &o, "list");
	EXPECT_EQ(0, ret);
	EXPECT_EQ(NULL, o.path);
	EXPECT_FALSE(o.json);
	output_free(&out);

	ret = PARSE(&out, list_parse_args, &o, "list", "/jobs", "-j");
	EXPECT_EQ(0, ret);
	EXPECT_STREQ("/jobs", o.path);
	EXPECT_TRUE(o.json);
	EXPECT_STREQ("", out.err);
	output_free(&out);

	ret = PARSE(&out, list_parse_args, &o, "list", "/a", "/b");
	EXPECT_EQ(2, ret);
	EXPECT_NE(NULL, strstr(out.err, "aisched: list: unexpected argument '/b'\n"
					"Usage: aisched list [PATH] [--json]\n"));
	output_free(&out);

	ret = PARSE(&out, list_parse_args, &o, "list", "--all");
	EXPECT_EQ(2, ret);
	EXPECT_NE(NULL, strstr(out.err, "aisched: list: unknown option '--all'\n"));
	output_free(&out);
}

TEST(show_args)
{
	struct show_opts o;
	struct output out;
	int ret;

	ret = PARSE(&out, show_parse_args, &o, "show", "--json", "/jobs/a");
	EXPECT_EQ(0, ret);
	EXPECT_STREQ("/jobs/a", o.path);
	EXPECT_TRUE(o.json);
	output_free(&out);

	ret = PARSE(&out, show_parse_args, &o, "show");
	EXPECT_EQ(2, ret);
	EXPECT_NE(NULL, strstr(out.err, "aisched: show: missing the cgroup PATH\n"
					"Usage: aisched show PATH [--json]\n"));
	output_free(&out);
}

TEST(monitor_args)
{
	struct monitor_opts o;
	struct output out;
	int ret;

	ret = PARSE(&out, monitor_parse_args, &o, "monitor");
	EXPECT_EQ(0, ret);
	EXPECT_FALSE(o.has_count);
	EXPECT_FALSE(o.json);
	output_free(&out);

	ret = PARSE(&out, monitor_parse_args, &o, "monitor", "--count", "3", "--json");
	EXPECT_EQ(0, ret);
	EXPECT_TRUE(o.has_count);
	EXPECT_EQ(3, o.count);
	EXPECT_TRUE(o.json);
	output_free(&out);

	ret = PARSE(&out, monitor_parse_args, &o, "monitor", "--count", "x");
	EXPECT_EQ(2, ret);
	EXPECT_NE(NULL, strstr(out.err, "aisched: monitor: --count: 'x' is not a number\n"
					"Usage: aisched monitor"));
	output_free(&out);

	ret = PARSE(&out, monitor_parse_args, &o, "monitor", "events");
	EXPECT_EQ(2, ret);
	EXPECT_NE(NULL, strstr(out.err, "aisched: monitor: unexpected argument 'events'\n"));
	output_free(&out);
}

/* Every subcommand: --help on stdout with status 0, bad usage 2. */
TEST(subcommand_help_and_usage)
{
	static const struct {
		int (*main)(int argc, char *argv[]);
		const char *name;
		const char *usage;
	} cmds[] = {
		{ tag_main, "tag", "Usage: aisched tag PATH --class <class> [options]\n" },
		{ untag_main, "untag", "Usage: aisched untag PATH\n" },
		{ list_main, "list", "Usage: aisched list [PATH] [--json]\n" },
		{ show_main, "show", "Usage: aisched show PATH [--json]\n" },
		{ monitor_main, "monitor", "Usage: aisched monitor [--json] [--count <n>]\n" },
	};
	struct output out;
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		char *help[] = { (char *)cmds[i].name, "--help", NULL };
		char *bad[] = { (char *)cmds[i].name, "--bogus", NULL };

		CAPTURE(&out, ret = cmds[i].main(2, help));
		EXPECT_EQ(0, ret) TH_LOG("%s", cmds[i].name);
		EXPECT_EQ(out.out, strstr(out.out, cmds[i].usage)) TH_LOG("%s", out.out);
		EXPECT_STREQ("", out.err);
		output_free(&out);

		CAPTURE(&out, ret = cmds[i].main(2, bad));
		EXPECT_EQ(2, ret) TH_LOG("%s", cmds[i].name);
		EXPECT_STREQ("", out.out);
		EXPECT_NE(NULL, strstr(out.err, "unknown option '--bogus'\n"));
		EXPECT_NE(NULL, strstr(out.err, cmds[i].usage));
		output_free(&out);
	}
}

TEST_HARNESS_MAIN
