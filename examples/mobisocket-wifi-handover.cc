/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket
 * The WiFi handover of the paper's Figure 1: a mobile host walks from one
 * access point's subnet into another's while a TCP connection carries the
 * session's data to a correspondent host. Prints the handover timeline and a
 * summary; every HandoverScenario parameter is a flag (--PrintHelp).
 *
 *     ./build/examples/mobisocket-wifi-handover
 *     ./build/examples/mobisocket-wifi-handover --protocol=tcp
 *     ./build/examples/mobisocket-wifi-handover --signalling=proxy --outputDir=results/wifi
 */

#include "ns3/core-module.h"
#include "ns3/mobisocket-module.h"

#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    HandoverScenario::Parameters parameters;
    CommandLine cmd(__FILE__);
    parameters.AddToCommandLine(cmd);
    cmd.Parse(argc, argv);

    std::string error = parameters.Validate();
    if (!error.empty())
    {
        std::cerr << "error: " << error << std::endl;
        return 2;
    }
    HandoverScenario::Result result = HandoverScenario::Run(parameters);
    std::cout << "protocol " << parameters.protocol;
    if (parameters.protocol == "mobisocket")
    {
        std::cout << ", signalling " << parameters.signalling;
    }
    std::cout << ", " << parameters.traffic << " " << parameters.direction << ", RngRun "
              << parameters.rngRun << "\n";
    HandoverResultWriter::Print(result, std::cout);
    if (!parameters.outputDir.empty())
    {
        std::cout << "files written to " << parameters.outputDir << "\n";
    }
    return 0;
}
