/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * A starting point for your own program, as ns-3's scratch/ is: copy this
 * file (or a folder of .cc files) into scratch/, rebuild, and run
 * ./build/scratch/<name>. It uses the MobiSocket API at its lowest level,
 * the way the paper describes it: stock BulkSend and PacketSink
 * applications get MobiSockets from the helper; when the mobile host's
 * address changes, "the application" updates its own socket
 * (UpdateTcb(SOURCE)), tells the peer out of band, the peer updates its
 * socket (UpdateTcb(DESTINATION)), and both call ResetTimer.
 *
 *     ./build/scratch/scratch-mobisocket
 *     ./build/scratch/scratch-mobisocket --signallingDelayMs=200 --outageS=2
 *     ./build/scratch/scratch-mobisocket --PrintHelp
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mobisocket-module.h"

#include <iostream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("ScratchMobiSocket");

namespace
{

Ptr<MobiSocket> g_mhSocket; //!< the MH's end of the connection
Ptr<MobiSocket> g_chSocket; //!< the CH's end of the connection
Time g_signallingDelay;     //!< how long the out-of-band signalling takes

/**
 * \brief The MH has a new address: update both ends of the connection.
 * \param host the host that moved (0: MH)
 * \param oldAddress its old address
 * \param newAddress its new address
 */
void
AddressChanged(uint32_t host, Ipv4Address oldAddress, Ipv4Address newAddress)
{
    std::cout << Simulator::Now().As(Time::S) << ": the MH moved from " << oldAddress << " to "
              << newAddress << std::endl;
    // Port 0 keeps the current port.
    if (g_mhSocket->UpdateTcb(MobiSocket::SOURCE, InetSocketAddress(newAddress, 0)) != 0)
    {
        std::cerr << "UpdateTcb(SOURCE) failed: errno " << g_mhSocket->GetErrno() << std::endl;
        return;
    }
    Simulator::Schedule(g_signallingDelay, [newAddress]() {
        g_chSocket->UpdateTcb(MobiSocket::DESTINATION, InetSocketAddress(newAddress, 0));
        g_chSocket->ResetTimer();
        g_mhSocket->ResetTimer();
        std::cout << Simulator::Now().As(Time::S) << ": both ends updated" << std::endl;
    });
}

} // namespace

int
main(int argc, char* argv[])
{
    uint64_t bytes = 5000000;
    double moveAtS = 1;
    double outageS = 0.5;
    double signallingDelayMs = 40;
    CommandLine cmd(__FILE__);
    cmd.AddValue("bytes", "Bytes the MH sends to the CH", bytes);
    cmd.AddValue("moveAtS", "When the MH's access link fails (s)", moveAtS);
    cmd.AddValue("outageS", "Until the MH has its new address (s)", outageS);
    cmd.AddValue("signallingDelayMs",
                 "Until the CH learns the new address (ms)",
                 signallingDelayMs);
    cmd.Parse(argc, argv);
    g_signallingDelay = MilliSeconds(signallingDelayMs);

    // MH =10 Mb/s, 5 ms= R =10 Mb/s, 5 ms= CH; the MH's second link is its new network.
    WiredHandoverTopology topology;
    MobiSocketHelper mobi;
    mobi.SetSocketAttribute("MobilityEnabled", BooleanValue(true)); // acvMobi() on every socket
    mobi.Install(topology.GetHosts());
    Ptr<Node> mh = topology.GetHost(WiredHandoverTopology::MH);
    Ptr<Node> ch = topology.GetHost(WiredHandoverTopology::CH);

    PacketSinkHelper sinkHelper("ns3::MobiSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 9));
    Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkHelper.Install(ch).Get(0));
    BulkSendHelper bulkHelper(
        "ns3::MobiSocketFactory",
        InetSocketAddress(topology.GetAddress(WiredHandoverTopology::CH, 0), 9));
    bulkHelper.SetAttribute("MaxBytes", UintegerValue(bytes));
    Ptr<BulkSendApplication> bulk = DynamicCast<BulkSendApplication>(bulkHelper.Install(mh).Get(0));
    bulk->SetStartTime(Seconds(0.1));

    // Once connected, remember both ends (the CH's is the one PacketSink accepted).
    Simulator::Schedule(Seconds(moveAtS) - MilliSeconds(1), [bulk, sink]() {
        g_mhSocket = DynamicCast<MobiSocket>(bulk->GetSocket());
        g_chSocket = DynamicCast<MobiSocket>(sink->GetAcceptedSockets().front());
        NS_ABORT_MSG_UNLESS(g_mhSocket && g_chSocket && g_mhSocket->IsMobilityActive(),
                            "the connection is not up, or mobility was not negotiated");
    });
    topology.SetAddressChangeCallback(MakeCallback(&AddressChanged));
    topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(moveAtS), Seconds(outageS));

    Simulator::Stop(Seconds(moveAtS + outageS + 20));
    Simulator::Run();
    std::cout << "The CH received " << sink->GetTotalRx() << " of " << bytes << " bytes"
              << std::endl;
    bool done = sink->GetTotalRx() == bytes;
    g_mhSocket = nullptr;
    g_chSocket = nullptr;
    Simulator::Destroy();
    return done ? 0 : 1;
}
