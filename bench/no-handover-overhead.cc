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
 * One long checked bulk transfer (a WiredScenario with one connection, no
 * move: --bytes, 100 MB by default, from the MH to the CH over the wired
 * test bed's two links), run once per variant with the same seed:
 *
 * - `tcp`: plain ns-3 TcpSocketBase (protocol=tcp), no helper;
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
    uint64_t bytesReceived{0};   //!< application bytes the receiver received
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
 * \brief Records when the receiver got its last byte.
 */
struct RxClock
{
    Time last; //!< simulation time of the last Rx

    /**
     * \brief IntegrityApplication "Rx" trace sink.
     * \param packet the data
     * \param offset its stream offset
     */
    void Rx(Ptr<const Packet> packet, uint64_t offset)
    {
        last = Simulator::Now();
    }
};

/**
 * \ingroup mobisocket-bench
 * \brief Checks, mid-transfer, that both ends' sockets are mobile.
 * \param scenario the scenario
 * \param result where to record it
 */
void
CheckMobility(WiredScenario* scenario, Outcome* result)
{
    Ptr<MobiSocket> mh = DynamicCast<MobiSocket>(scenario->GetApplication(Host::MH)->GetSocket());
    Ptr<MobiSocket> ch = DynamicCast<MobiSocket>(scenario->GetApplication(Host::CH)->GetSocket());
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
 * \param base the scenario's other parameters (bytes, links, seed)
 * \return what it measured
 */
Outcome
RunVariant(const std::string& variant, WiredScenario::Parameters p)
{
    Outcome result;
    result.variant = variant;
    double setupStart = WallNow();
    bool mobiSockets = variant == "mobisocket" || variant == "mobisocket-off";
    p.protocol = mobiSockets ? "mobisocket" : "tcp";
    p.signalling = "application";
    p.activate = variant == "mobisocket";
    p.demuxOnPlainTcp = variant == "demux";
    double transferSeconds = p.mhSendBytes * 8.0 / (p.linkRateMbps * 1e6);
    p.simTimeS = p.startS + 4 * transferSeconds + 60; // a safety net only: it ends long before

    Config::Reset();
    WiredScenario scenario(p);
    TxCounter forward;
    TxCounter reverse;
    scenario.GetTopology()
        .GetHost(WiredHandoverTopology::MH)
        ->GetObject<Ipv4L3Protocol>()
        ->TraceConnectWithoutContext("Tx", MakeCallback(&TxCounter::Tx, &forward));
    scenario.GetTopology()
        .GetHost(WiredHandoverTopology::CH)
        ->GetObject<Ipv4L3Protocol>()
        ->TraceConnectWithoutContext("Tx", MakeCallback(&TxCounter::Tx, &reverse));
    RxClock clock;
    scenario.GetApplication(Host::CH)->TraceConnectWithoutContext(
        "Rx",
        MakeCallback(&RxClock::Rx, &clock));
    // Mid-transfer (at least after the handshake), look at both sockets.
    Simulator::Schedule(Seconds(p.startS + transferSeconds / 2) + MilliSeconds(p.linkDelayMs) * 8,
                        &CheckMobility,
                        &scenario,
                        &result);
    scenario.InstallScheme();
    result.setupWallSeconds = WallNow() - setupStart;

    double runStart = WallNow();
    WiredScenario::Result r = scenario.Run();
    result.runWallSeconds = WallNow() - runStart;

    result.bytesReceived = r.uplinkBytes;
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
    std::string csv;
    WiredScenario::Parameters p;
    p.linkRateMbps = 100;
    p.linkDelayMs = 5;
    p.segmentBytes = 1448;
    p.chunkBytes = 1448;

    CommandLine cmd(__FILE__);
    cmd.Usage("No-handover overhead: one bulk transfer per variant (tcp, demux, "
              "mobisocket-off, mobisocket), same seed; checks they deliver the same "
              "bytes in the same number of segments.");
    cmd.AddValue("variants",
                 "Comma-separated variants: tcp, demux, mobisocket-off, mobisocket",
                 variants);
    cmd.AddValue("bytes", "Bytes to transfer", bytes);
    cmd.AddValue("rateMbps", "Rate of every link (Mb/s)", p.linkRateMbps);
    cmd.AddValue("delayMs", "One-way delay of every link (ms)", p.linkDelayMs);
    cmd.AddValue("segmentSize",
                 "TCP segment size, also the application's write size (bytes)",
                 p.segmentBytes);
    cmd.AddValue("RngRun", "ns-3 run number", p.rngRun);
    cmd.AddValue("csv", "Write one CSV row per variant to this file", csv);
    cmd.Parse(argc, argv);
    p.chunkBytes = p.segmentBytes;
    p.mhSendBytes = bytes;

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

    std::vector<Outcome> outcomes;
    for (const auto& name : names)
    {
        outcomes.push_back(RunVariant(name, p));
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
