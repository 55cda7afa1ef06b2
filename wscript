## -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
# Build rules for waf-era ns-3 trees (ns-3.35 and older): put this folder in
# src/mobisocket or contrib/mobisocket. The file list is shared with
# CMakeLists.txt through src/mobisocket/module-files.txt.

import os


def _module_files(bld):
    """Sources and headers listed in src/mobisocket/module-files.txt."""
    listing = bld.path.find_node('src/mobisocket/module-files.txt').read()
    files = []
    for line in listing.splitlines():
        line = line.strip()
        if line and not line.startswith('#'):
            files.append('src/mobisocket/' + line)
    return ([f for f in files if f.endswith('.cc')],
            [f for f in files if f.endswith('.h')])


def _ns3_version_number(bld):
    """MOBISOCKET_NS3_VERSION (100 * major + minor) from the tree's VERSION file."""
    text = bld.srcnode.find_node('VERSION').read().strip()  # e.g. "3.35"
    major, minor = text.split('.')[:2]
    return 100 * int(major) + int(minor)


def configure(conf):
    conf.check_cfg(package='libsodium', uselib_store='SODIUM',
                   args=['--cflags', '--libs'], mandatory=True)
    conf.check_cfg(package='libosip2', uselib_store='OSIP',
                   args=['--cflags', '--libs'], mandatory=True)


def build(bld):
    sources, headers = _module_files(bld)
    module = bld.create_ns3_module('mobisocket',
                                   ['internet', 'internet-apps', 'point-to-point',
                                    'applications', 'wifi', 'mobility', 'energy', 'lte'])
    module.source = sources
    module.use.extend(['SODIUM', 'OSIP'])
    # ns3-compat.h selects by it; the examples (and any user) see it too.
    version = 'MOBISOCKET_NS3_VERSION=%d' % _ns3_version_number(bld)
    module.defines = list(getattr(module, 'defines', [])) + [version]
    module.export_defines = [version]

    header_task = bld(features='ns3header')
    header_task.module = 'mobisocket'
    header_task.source = headers

    if bld.env['ENABLE_EXAMPLES']:
        examples = bld.path.find_node('examples')
        for example in examples.ant_glob('*.cc'):
            name = os.path.splitext(example.name)[0]
            program = bld.create_ns3_program(name, ['mobisocket'])
            program.source = 'examples/' + example.name
