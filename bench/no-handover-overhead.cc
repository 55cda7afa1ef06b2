/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-bench
 * Benchmark: what MobiSocket costs when nothing moves.
 *
 * One long bulk transfer (BulkSendApplication to PacketSink, --bytes, 100 MB
 * by default) over a single point-to-point link, no address change, run
 * once per variant with the same seed:
 *
 * - `tcp`: plain ns-3 TcpSocketBase (ns3::TcpSocketFactory), no helper;
 * - `demux`: the same sockets, on nodes where MobiSocketHelper is installed
 *   (the MobilityDemux is in front of TCP, nothing else changes);
 * - `mobisocket-off`: MobiSockets (ns3::MobiSocketFactory) with
 *   MobilityEnabled false (the subclass without negotiation);
 * - `mobisocket`: MobiSockets with MobilityEnabled true on both nodes: the
 *   mobility option is negotiated in the SYN and the connection is mobile.
 *
 * For each variant it prints the bytes delivered, the IP packets (segments)
 * and IP bytes each node sent, whether the SYN and SYN+ACK carried the
 * mobility option, whether mobility was active mid-transfer, and the wall
 * time of set-up and of Simulator::Run. When several variants run in one
 * process it checks that they all delivered the same bytes in the same
 * number of segments (exit status 1 if not).
 *
 * The instruction counts (valgrind --tool=callgrind) and the repeated wall
 * times are taken by bench/no-handover-overhead.py, which runs this program
 * once per variant and measurement.
 *
 *     ./build/bench/no-handover-overhead
 *     ./build/bench/no-handover-overhead --variants=mobisocket --bytes=10000000
 *     ./build/bench/no-handover-overhead --PrintHelp
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mobisocket-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

/**
 * \defgroup mobisocket-bench Benchmarks of the mobisocket module
 * \ingroup mobisocket
 */

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("MobiSocketNoHandoverOverhead");

namespace
{

/**
 * \ingroup mobisocket-bench
 * \brief What one variant measured.
 */
struct Outcome
{
    std::string variant;         //!< variant name
    uint64_t bytesReceived{0};   //!< application bytes the sink received
    uint64_t segmentsForward{0}; //!< IP packets the sender sent
    uint64_t segmentsReverse{0}; //!< IP packets the receiver sent
    uint64_t ipBytesForward{0};  //!< IP bytes the sender sent
    uint64_t ipBytesReverse{0};  //!< IP bytes the receiver sent
    bool optionInSyn{false};     //!< the SYN carried the mobility option
    bool optionInSynAck{false};  //!< the SYN+ACK carried it
    bool mobilityActive{false};  //!< both sockets mobile mid-transfer
    double lastRxSeconds{0};     //!< simulation time of the last byte
    double setupWallSeconds{0};  //!< wall time to build the scenario
    double runWallSeconds{0};    //!< wall time of Simulator::Run
};

/**
 * \ingroup mobisocket-bench
 * \brief Counts the IP packets and bytes a node sends; looks for the
 *        mobility option in its first TCP segment (SYN or SYN+ACK).
 */
class TxCounter
{
  public:
    uint64_t packets{0};        //!< IP packets sent
    uint64_t bytes{0};          //!< IP bytes sent (IP header included)
    bool firstHasOption{false}; //!< first TCP segment carried the option

    /**
     * \brief Ipv4L3Protocol "Tx" trace sink.
     * \param packet the packet, IP header included
     * \param ipv4 the stack
     * \param interface the interface
     */
    void Tx(Ptr<const Packet> packet, Ptr<Ipv4> ipv4, uint32_t interface)
    {
        if (packets++ == 0)
        {
            // Only the first segment is parsed, so the count costs the same
            // in every variant.
            Ptr<Packet> copy = packet->Copy();
            Ipv4Header ip;
            copy->RemoveHeader(ip);
            TcpHeader tcp;
            copy->PeekHeader(tcp);
            std::vector<uint8_t> option;
            firstHasOption = TcpOptionExperimental::Find(tcp, MobiSocket::EXID, option);
        }
        bytes += packet->GetSize();
    }
};

/**
 * \ingroup mobisocket-bench
 * \brief Records when the sink received its last byte.
 */
struct RxClock
{
    Time last; //!< simulation time of the last Rx

    /**
     * \brief PacketSink "Rx" trace sink.
     * \param packet the data
     * \param from the sender
     */
    void Rx(Ptr<const Packet> packet, const Address& from)
    {
        last = Simulator::Now();
    }
};

/**
 * \ingroup mobisocket-bench
 * \brief Checks, mid-transfer, that both ends' sockets are mobile.
 * \param sender the bulk sender
 * \param sink the packet sink
 * \param result where to record it
 */
void
CheckMobility(Ptr<BulkSendApplication> sender, Ptr<PacketSink> sink, Outcome* result)
{
    Ptr<MobiSocket> mh = DynamicCast<MobiSocket>(sender->GetSocket());
    std::list<Ptr<Socket>> accepted = sink->GetAcceptedSockets();
    Ptr<MobiSocket> ch = accepted.empty() ? nullptr : DynamicCast<MobiSocket>(accepted.front());
    result->mobilityActive = mh && ch && mh->IsMobilityActive() && ch->IsMobilityActive();
}

/**
 * \ingroup mobisocket-bench
 * \return seconds on a monotonic clock
 */
double
WallNow()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/**
 * \ingroup mobisocket-bench
 * \brief Run one variant of the transfer.
 * \param variant tcp, demux, mobisocket-off or mobisocket
 * \param bytes bytes to transfer
 * \param sendSize bytes per Send() call of the application
 * \param rate link data rate
 * \param delay link one-way delay
 * \return what it measured
 */
Outcome
RunVariant(const std::string& variant, uint64_t bytes, uint32_t sendSize, DataRate rate, Time delay)
{
    Outcome result;
    result.variant = variant;
    double setupStart = WallNow();

    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(rate));
    p2p.SetChannelAttribute("Delay", TimeValue(delay));
    NetDeviceContainer devices = p2p.Install(nodes);
    InternetStackHelper().Install(nodes);
    Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer interfaces = addresses.Assign(devices);

    bool helper = variant != "tcp";
    bool mobiSockets = variant == "mobisocket" || variant == "mobisocket-off";
    if (helper)
    {
        MobiSocketHelper mobi;
        mobi.SetSocketAttribute("MobilityEnabled", BooleanValue(variant == "mobisocket"));
        mobi.Install(nodes);
        mobi.AssignStreams(nodes, 1000);
    }
    std::string factory = mobiSockets ? "ns3::MobiSocketFactory" : "ns3::TcpSocketFactory";

    const uint16_t port = 5001;
    PacketSinkHelper sinkHelper(factory, InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer sinkApps = sinkHelper.Install(nodes.Get(1));
    BulkSendHelper senderHelper(factory, InetSocketAddress(interfaces.GetAddress(1), port));
    senderHelper.SetAttribute("MaxBytes", UintegerValue(bytes));
    senderHelper.SetAttribute("SendSize", UintegerValue(sendSize));
    ApplicationContainer senderApps = senderHelper.Install(nodes.Get(0));
    sinkApps.Start(Seconds(0));
    senderApps.Start(Seconds(0.1));
    Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkApps.Get(0));
    Ptr<BulkSendApplication> sender = DynamicCast<BulkSendApplication>(senderApps.Get(0));

    TxCounter forward;
    TxCounter reverse;
    nodes.Get(0)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Tx",
        MakeCallback(&TxCounter::Tx, &forward));
    nodes.Get(1)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Tx",
        MakeCallback(&TxCounter::Tx, &reverse));
    RxClock clock;
    sink->TraceConnectWithoutContext("Rx", MakeCallback(&RxClock::Rx, &clock));

    // Mid-transfer (at least after the handshake), look at both sockets.
    double transferSeconds = bytes * 8.0 / rate.GetBitRate();
    Simulator::Schedule(Seconds(0.1) + delay * 4 + Seconds(transferSeconds / 2),
                        &CheckMobility,
                        sender,
                        sink,
                        &result);
    // A safety net only: the transfer ends long before.
    Simulator::Stop(Seconds(0.1 + 4 * transferSeconds + 60));
    result.setupWallSeconds = WallNow() - setupStart;

    double runStart = WallNow();
    Simulator::Run();
    result.runWallSeconds = WallNow() - runStart;

    result.bytesReceived = sink->GetTotalRx();
    result.segmentsForward = forward.packets;
    result.segmentsReverse = reverse.packets;
    result.ipBytesForward = forward.bytes;
    result.ipBytesReverse = reverse.bytes;
    result.optionInSyn = forward.firstHasOption;
    result.optionInSynAck = reverse.firstHasOption;
    result.lastRxSeconds = clock.last.GetSeconds();
    Simulator::Destroy();
    return result;
}

/**
 * \ingroup mobisocket-bench
 * \param list a comma-separated list
 * \return its items
 */
std::vector<std::string>
Split(const std::string& list)
{
    std::vector<std::string> items;
    std::istringstream in(list);
    std::string item;
    while (std::getline(in, item, ','))
    {
        if (!item.empty())
        {
            items.push_back(item);
        }
    }
    return items;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string variants = "tcp,mobisocket";
    uint64_t bytes = 100000000;
    std::string rate = "100Mbps";
    double delayMs = 5;
    uint32_t segmentSize = 1448;
    std::string csv;

    CommandLine cmd(__FILE__);
    cmd.Usage("No-handover overhead: one bulk transfer per variant (tcp, demux, "
              "mobisocket-off, mobisocket), same seed; checks they deliver the same "
              "bytes in the same number of segments.");
    cmd.AddValue("variants",
                 "Comma-separated variants: tcp, demux, mobisocket-off, mobisocket",
                 variants);
    cmd.AddValue("bytes", "Bytes to transfer", bytes);
    cmd.AddValue("rate", "Link data rate", rate);
    cmd.AddValue("delayMs", "Link one-way delay (ms)", delayMs);
    cmd.AddValue("segmentSize",
                 "TCP segment size, also the application's write size (bytes)",
                 segmentSize);
    cmd.AddValue("csv", "Write one CSV row per variant to this file", csv);
    cmd.Parse(argc, argv);

    std::vector<std::string> names = Split(variants);
    for (const auto& name : names)
    {
        if (name != "tcp" && name != "demux" && name != "mobisocket-off" && name != "mobisocket")
        {
            std::cerr << "unknown variant '" << name << "' (tcp, demux, mobisocket-off, mobisocket)"
                      << std::endl;
            return 2;
        }
    }
    if (names.empty() || bytes == 0)
    {
        std::cerr << "nothing to run" << std::endl;
        return 2;
    }
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(segmentSize));

    std::vector<Outcome> outcomes;
    for (const auto& name : names)
    {
        outcomes.push_back(
            RunVariant(name, bytes, segmentSize, DataRate(rate), MilliSeconds(delayMs)));
    }

    std::cout << std::left << std::setw(16) << "variant" << std::right << std::setw(12) << "bytes"
              << std::setw(10) << "segs fwd" << std::setw(10) << "segs rev" << std::setw(12)
              << "IP B fwd" << std::setw(11) << "IP B rev" << std::setw(8) << "option"
              << std::setw(8) << "mobile" << std::setw(11) << "last rx s" << std::setw(10)
              << "run s" << std::endl;
    for (const auto& o : outcomes)
    {
        std::cout << std::left << std::setw(16) << o.variant << std::right << std::setw(12)
                  << o.bytesReceived << std::setw(10) << o.segmentsForward << std::setw(10)
                  << o.segmentsReverse << std::setw(12) << o.ipBytesForward << std::setw(11)
                  << o.ipBytesReverse << std::setw(8)
                  << (o.optionInSyn && o.optionInSynAck ? "yes" : "no") << std::setw(8)
                  << (o.mobilityActive ? "yes" : "no") << std::setw(11) << std::fixed
                  << std::setprecision(6) << o.lastRxSeconds << std::setw(10)
                  << std::setprecision(3) << o.runWallSeconds << std::endl;
    }

    bool ok = true;
    for (const auto& o : outcomes)
    {
        if (o.bytesReceived != bytes)
        {
            std::cout << o.variant << ": delivered " << o.bytesReceived << " of " << bytes
                      << " bytes" << std::endl;
            ok = false;
        }
        if (o.variant == "mobisocket" && !o.mobilityActive)
        {
            std::cout << "mobisocket: mobility was not active" << std::endl;
            ok = false;
        }
        const Outcome& first = outcomes.front();
        if (o.bytesReceived != first.bytesReceived || o.segmentsForward != first.segmentsForward ||
            o.segmentsReverse != first.segmentsReverse)
        {
            std::cout << o.variant << " differs from " << first.variant
                      << " in bytes delivered or segments sent" << std::endl;
            ok = false;
        }
    }
    if (outcomes.size() > 1)
    {
        std::cout << (ok ? "same bytes and segments in every variant" : "MISMATCH") << std::endl;
    }

    if (!csv.empty())
    {
        std::ofstream out(csv);
        out << "variant,bytes_received,segments_fwd,segments_rev,ip_bytes_fwd,ip_bytes_rev,"
               "option_in_syn,option_in_synack,mobility_active,last_rx_s,setup_wall_s,"
               "run_wall_s\n";
        for (const auto& o : outcomes)
        {
            out << o.variant << "," << o.bytesReceived << "," << o.segmentsForward << ","
                << o.segmentsReverse << "," << o.ipBytesForward << "," << o.ipBytesReverse << ","
                << o.optionInSyn << "," << o.optionInSynAck << "," << o.mobilityActive << ","
                << std::setprecision(9) << o.lastRxSeconds << "," << o.setupWallSeconds << ","
                << o.runWallSeconds << "\n";
        }
    }
    return ok ? 0 : 1;
}
