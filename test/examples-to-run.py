#! /usr/bin/env python3

# Examples ns-3's test.py runs inside a source tree (./test.py --examples, or
# ./test.py --example mobisocket-wired-handover): each with its defaults.
# The wired one exits with status 1 when a mobile scheme did not deliver
# every byte intact; both stop with a message on a bad argument.
#
# A list of C++ examples to run in order to ensure that they remain
# buildable and runnable over time. Each tuple in the list contains
#
#     (example_name, do_run, do_valgrind_run).
#
# See test.py for more information.
cpp_examples = [
    ("mobisocket-wired-handover", "True", "False"),
    ("mobisocket-wifi-handover", "True", "False"),
]

# A list of Python examples to run in order to ensure that they remain
# runnable over time. Each tuple in the list contains
#
#     (example_name, do_run).
#
# The mobisocket Python package has its own bindings (pybind11), not ns-3's.
python_examples = []
