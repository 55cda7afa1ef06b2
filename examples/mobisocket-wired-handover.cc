/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket
 * A wired handover (WiredScenario): the mobile host (MH) sends a known byte
 * stream to the correspondent host (CH); mid-transfer its access link fails
 * and, after an outage, it comes back on another subnet with a new address.
 *
 * With --protocol=mobisocket the connection survives: the MH's socket is
 * updated (UpdateTcb(SOURCE)) and the CH learns the new address either
 * in-band (--signalling=inband: AddChange/AddConfirm, signed with Ed25519)
 * or from the application (--signalling=application: after
 * --appSignallingDelayMs, standing in for the SIP INFO exchange of the WiFi
 * scenario; --signalling=direct or proxy runs SIP itself, with the proxy on
 * the router). --protocol=tcp-r and redirect run the baselines; with
 * --protocol=tcp the connection stalls and aborts.
 *
 * Prints the timeline of the handover and whether every byte arrived intact.
 *
 *     ./build/examples/mobisocket-wired-handover
 *     ./build/examples/mobisocket-wired-handover --protocol=tcp --simTimeS=200
 *     ./build/examples/mobisocket-wired-handover --PrintHelp
 */

#include "ns3/core-module.h"
#include "ns3/mobisocket-module.h"

#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    WiredScenario::Parameters p;
    p.signalling = "inband";
    p.mhSendBytes = 4000000;
    p.mhMoveAtS = 2;
    p.mhOutageS = 1;
    p.prepareAfterS = 0; // the redirect daemon prepares the connection at its first scan
    p.simTimeS = 30;

    CommandLine cmd(__FILE__);
    p.AddToCommandLine(cmd);
    cmd.Parse(argc, argv);
    std::string error = p.Validate();
    if (!error.empty())
    {
        std::cerr << error << std::endl;
        return 2;
    }

    WiredScenario::Result r = WiredScenario::Run(p);
    HandoverResultWriter::Print(r, std::cout);
    uint64_t expected = p.mhSendBytes * p.connections;
    bool complete = r.uplinkBytes == expected && r.intact;
    std::cout << "\nprotocol " << p.protocol << ", signalling " << p.signalling << ": "
              << r.uplinkBytes << " of " << expected << " bytes delivered, "
              << (r.intact ? "intact" : "CORRUPTED") << ", verdict " << GetVerdictName(r.verdict)
              << std::endl;
    return (p.protocol != "tcp" && !complete) ? 1 : 0;
}
