/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "handover-result-writer.h"

#include "ns3/abort.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>

namespace ns3
{

namespace
{

/**
 * \param value a time in seconds or NaN
 * \return its text for CSV/JSON
 */
std::string
Number(double value)
{
    if (std::isnan(value))
    {
        return "nan";
    }
    std::ostringstream os;
    os << std::setprecision(9) << value;
    return os.str();
}

/**
 * \param text a string
 * \return it as a JSON string literal
 */
std::string
Quote(const std::string& text)
{
    std::string out = "\"";
    for (char c : text)
    {
        if (c == '"' || c == '\\')
        {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

/**
 * \param value a time in seconds or NaN
 * \return a JSON number or null
 */
std::string
JsonNumber(double value)
{
    return std::isnan(value) ? "null" : Number(value);
}

/**
 * \param folder the folder
 * \param name a file name
 * \return an open stream, or abort with the path
 */
std::ofstream
Open(const std::string& folder, const std::string& name)
{
    std::string path = folder + "/" + name;
    std::ofstream file(path);
    NS_ABORT_MSG_UNLESS(file, "cannot write " << path);
    return file;
}

/**
 * \param host a host
 * \param pair its pair's number
 * \return "MH", "CH" for the first pair; "MH2", "CH2" for the second, ...
 */
std::string
Label(Host host, uint32_t pair)
{
    return HostName(host) + (pair > 1 ? std::to_string(pair) : "");
}

/**
 * \brief Write message counts as a JSON object of {"count", "ip_bytes"} objects.
 * \param messages the counts, by name
 * \param os the stream
 */
void
WriteMessageStats(const std::map<std::string, MessageStats>& messages, std::ostream& os)
{
    os << "{";
    bool first = true;
    for (const auto& [name, stats] : messages)
    {
        os << (first ? "\n" : ",\n") << "    " << Quote(name) << ": {\"count\": " << stats.count
           << ", \"ip_bytes\": " << stats.bytes << "}";
        first = false;
    }
    os << "\n  }";
}

} // namespace

void
HandoverResultWriter::WriteAll(const ScenarioResult& result, const std::string& folder)
{
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    NS_ABORT_MSG_IF(ec, "cannot create " << folder << ": " << ec.message());
    std::ofstream timeline = Open(folder, "timeline.csv");
    WriteTimelineCsv(result, timeline);
    std::ofstream goodput = Open(folder, "goodput.csv");
    WriteGoodputCsv(result, goodput);
    std::ofstream delay = Open(folder, "delay.csv");
    WriteDelayCsv(result, delay);
    std::ofstream signalling = Open(folder, "signalling.csv");
    WriteSignallingCsv(result, signalling);
    std::ofstream pairs = Open(folder, "pairs.csv");
    WritePairsCsv(result, pairs);
    std::ofstream summary = Open(folder, "summary.json");
    WriteSummaryJson(result, summary);
}

void
HandoverResultWriter::WriteTimelineCsv(const ScenarioResult& result, std::ostream& os)
{
    os << "host,kind,from_ap,to_ap,start_s,last_old_byte_s,beacon_loss_s,scan_end_s,reassociated_s,"
          "lease_s,"
          "update_sent_s,"
          "peer_updated_s,peer_answered_s,confirmed_s,first_new_byte_s,disruption_s,completed,"
          "outcome,radio_energy_j,pair,advertised_s,tentative_s,preferred_s\n";
    for (const auto& h : result.handovers)
    {
        os << h.host << "," << h.kind << "," << h.fromAp << "," << h.toAp << "," << Number(h.startS)
           << "," << Number(h.lastOldByteS) << "," << Number(h.beaconLossS) << ","
           << Number(h.scanEndS) << "," << Number(h.reassociatedS) << "," << Number(h.leaseS) << ","
           << Number(h.updateSentS) << "," << Number(h.peerUpdatedS) << ","
           << Number(h.peerAnsweredS) << "," << Number(h.confirmedS) << ","
           << Number(h.firstNewByteS) << "," << Number(h.disruptionS) << ","
           << (h.completed ? 1 : 0) << "," << GetOutcomeName(h.outcome) << ","
           << Number(h.radioEnergyJ) << "," << h.pair << "," << Number(h.advertisedS) << ","
           << Number(h.tentativeS) << "," << Number(h.preferredS) << "\n";
    }
}

void
HandoverResultWriter::WritePairsCsv(const ScenarioResult& result, std::ostream& os)
{
    os << "pair,verdict,intact,uplink_bytes,downlink_bytes,retransmissions,rto_expiries,"
          "handovers\n";
    for (const auto& p : result.pairs)
    {
        os << p.pair << "," << GetVerdictName(p.verdict) << "," << (p.intact ? 1 : 0) << ","
           << p.uplinkBytes << "," << p.downlinkBytes << "," << p.retransmissions << ","
           << p.rtoExpiries << "," << p.handovers << "\n";
    }
}

void
HandoverResultWriter::WriteGoodputCsv(const ScenarioResult& result, std::ostream& os)
{
    os << "time_s,uplink_mbps,downlink_mbps\n";
    for (size_t i = 0; i < result.goodputTimeS.size(); ++i)
    {
        os << Number(result.goodputTimeS[i]) << "," << Number(result.goodputUplinkMbps[i]) << ","
           << Number(result.goodputDownlinkMbps[i]) << "\n";
    }
}

void
HandoverResultWriter::WriteDelayCsv(const ScenarioResult& result, std::ostream& os)
{
    os << "time_s,delay_s\n";
    for (size_t i = 0; i < result.delayTimeS.size(); ++i)
    {
        os << Number(result.delayTimeS[i]) << "," << Number(result.delayS[i]) << "\n";
    }
}

void
HandoverResultWriter::WriteSignallingCsv(const ScenarioResult& result, std::ostream& os)
{
    os << "message,count,ip_bytes\n";
    for (const auto& [name, stats] : result.signalling)
    {
        os << name << "," << stats.count << "," << stats.bytes << "\n";
    }
}

void
HandoverResultWriter::WriteSummaryJson(const ScenarioResult& result, std::ostream& os)
{
    os << "{\n  \"parameters\": {";
    bool first = true;
    for (const auto& [name, value] : result.parameters)
    {
        os << (first ? "\n" : ",\n") << "    " << Quote(name) << ": " << Quote(value);
        first = false;
    }
    os << "\n  },\n";
    os << "  \"ns3_version\": " << Quote(result.ns3Version) << ",\n";
    os << "  \"survived\": " << (result.survived ? "true" : "false") << ",\n";
    os << "  \"verdict\": " << Quote(GetVerdictName(result.verdict)) << ",\n";
    os << "  \"intact\": " << (result.intact ? "true" : "false") << ",\n";
    os << "  \"uplink_bytes\": " << result.uplinkBytes << ",\n";
    os << "  \"downlink_bytes\": " << result.downlinkBytes << ",\n";
    os << "  \"retransmissions\": " << result.retransmissions << ",\n";
    os << "  \"rto_expiries\": " << result.rtoExpiries << ",\n";
    os << "  \"signalling_lost\": " << result.signallingLost << ",\n";
    const auto& n = result.connections;
    os << "  \"connections\": {\"attempted\": " << n.attempted << ", \"opened\": " << n.opened
       << ", \"completed\": " << n.completed << ", \"stalled\": " << n.stalled
       << ", \"failed\": " << n.failed << ", \"prepared\": " << n.prepared
       << ", \"spanning\": " << n.spanning << ", \"kept\": " << n.kept << "},\n";
    os << "  \"handovers\": [";
    first = true;
    for (const auto& h : result.handovers)
    {
        os << (first ? "\n" : ",\n") << "    {\"host\": " << Quote(HostName(h.host))
           << ", \"pair\": " << h.pair << ", \"kind\": " << Quote(h.kind)
           << ", \"from_ap\": " << h.fromAp << ", \"to_ap\": " << h.toAp
           << ", \"start_s\": " << JsonNumber(h.startS)
           << ", \"beacon_loss_s\": " << JsonNumber(h.beaconLossS)
           << ", \"scan_end_s\": " << JsonNumber(h.scanEndS)
           << ", \"reassociated_s\": " << JsonNumber(h.reassociatedS)
           << ", \"advertised_s\": " << JsonNumber(h.advertisedS)
           << ", \"tentative_s\": " << JsonNumber(h.tentativeS)
           << ", \"preferred_s\": " << JsonNumber(h.preferredS)
           << ", \"lease_s\": " << JsonNumber(h.leaseS)
           << ", \"update_sent_s\": " << JsonNumber(h.updateSentS)
           << ", \"peer_updated_s\": " << JsonNumber(h.peerUpdatedS)
           << ", \"peer_answered_s\": " << JsonNumber(h.peerAnsweredS)
           << ", \"confirmed_s\": " << JsonNumber(h.confirmedS)
           << ", \"last_old_byte_s\": " << JsonNumber(h.lastOldByteS)
           << ", \"first_new_byte_s\": " << JsonNumber(h.firstNewByteS)
           << ", \"disruption_s\": " << JsonNumber(h.disruptionS)
           << ", \"radio_energy_j\": " << JsonNumber(h.radioEnergyJ)
           << ", \"completed\": " << (h.completed ? "true" : "false")
           << ", \"outcome\": " << Quote(GetOutcomeName(h.outcome)) << "}";
        first = false;
    }
    os << "\n  ],\n  \"signalling\": ";
    WriteMessageStats(result.signalling, os);
    os << ",\n  \"signalling_by_sender\": ";
    WriteMessageStats(result.signallingBySender, os);
    os << ",\n  \"crypto\": [";
    first = true;
    for (const auto& c : result.crypto)
    {
        os << (first ? "\n" : ",\n") << "    {\"node\": " << Quote(HostName(c.host))
           << ", \"pair\": " << c.pair << ", \"signatures\": " << c.signatures
           << ", \"verifications\": " << c.verifications << ", \"key_shares\": " << c.keyShares
           << ", \"key_agreements\": " << c.keyAgreements << ", \"macs\": " << c.macs
           << ", \"cpu_time_s\": " << Number(c.cpuTimeS) << ", \"energy_j\": " << Number(c.energyJ)
           << ", \"radio_energy_j\": " << Number(c.radioEnergyJ) << ", \"rejected\": {";
        bool firstReason = true;
        for (const auto& [reason, count] : c.rejected)
        {
            os << (firstReason ? "" : ", ") << Quote(reason) << ": " << count;
            firstReason = false;
        }
        os << "}}";
        first = false;
    }
    const AttackStats& a = result.attack;
    os << "\n  ],\n  \"attack\": {\"position\": " << Quote(a.position)
       << ", \"action\": " << Quote(a.action) << ", \"rate_per_s\": " << Number(a.ratePerS)
       << ", \"sent\": " << a.sent << ", \"skipped\": " << a.skipped
       << ", \"hijacked\": " << (a.hijacked ? "true" : "false")
       << ", \"hijacked_at_s\": " << Number(a.hijackedAtS) << "},\n  \"cross_bytes\": [";
    for (size_t a = 0; a < result.crossBytes.size(); ++a)
    {
        os << (a ? ", " : "") << result.crossBytes[a];
    }
    os << "],\n  \"pairs\": [";
    first = true;
    for (const auto& p : result.pairs)
    {
        os << (first ? "\n" : ",\n") << "    {\"pair\": " << p.pair
           << ", \"verdict\": " << Quote(GetVerdictName(p.verdict))
           << ", \"intact\": " << (p.intact ? "true" : "false")
           << ", \"uplink_bytes\": " << p.uplinkBytes << ", \"downlink_bytes\": " << p.downlinkBytes
           << ", \"retransmissions\": " << p.retransmissions
           << ", \"rto_expiries\": " << p.rtoExpiries << ", \"handovers\": " << p.handovers << "}";
        first = false;
    }
    os << "\n  ],\n  \"end_s\": " << Number(result.endS)
       << ",\n  \"wall_clock_s\": " << Number(result.wallClockS) << "\n}\n";
}

void
HandoverResultWriter::Print(const ScenarioResult& result, std::ostream& os)
{
    auto at = [](double t) {
        std::ostringstream s;
        if (std::isnan(t))
        {
            s << "       -";
        }
        else
        {
            s << std::fixed << std::setprecision(3) << std::setw(8) << t;
        }
        return s.str();
    };
    for (const auto& h : result.handovers)
    {
        bool interface = h.kind == "interface";
        os << (h.kind == "wifi" ? "WiFi handover of the "
               : interface      ? "Interface handover of the "
                                : "Access link change of the ")
           << Label(h.host, h.pair) << ": " << GetOutcomeName(h.outcome) << "\n";
        os << "  " << at(h.lastOldByteS) << " s  last byte before the gap\n";
        if (!interface)
        {
            os << "  " << at(h.beaconLossS) << " s  access link lost (DeAssoc)\n";
            if (!std::isnan(h.scanEndS))
            {
                os << "  " << at(h.scanEndS) << " s  scan over, AP chosen\n";
            }
            os << "  " << at(h.reassociatedS) << " s  re-associated with the new AP";
            if (h.toAp > 0)
            {
                os << " (AP" << h.fromAp << " -> AP" << h.toAp << ")";
            }
            os << "\n";
            if (!std::isnan(h.advertisedS))
            {
                os << "  " << at(h.advertisedS) << " s  router advertisement received\n";
                os << "  " << at(h.tentativeS) << " s  address configured (tentative)\n";
                os << "  " << at(h.preferredS) << " s  duplicate address detection passed\n";
            }
            os << "  " << at(h.leaseS) << " s  new address"
               << (std::isnan(h.advertisedS) ? "" : " in use") << "\n";
        }
        else
        {
            os << "  " << at(h.startS) << " s  switch began (WiFi lost or left)\n";
            if (!std::isnan(h.beaconLossS) && !std::isnan(h.reassociatedS))
            {
                os << "  " << at(h.beaconLossS) << " s  WiFi loss detected (DeAssoc)\n";
                os << "  " << at(h.reassociatedS) << " s  second access up\n";
            }
            os << "  " << at(h.leaseS) << " s  connection moved to the new interface\n";
        }
        os << "  " << at(h.updateSentS) << " s  update sent\n";
        os << "  " << at(h.peerUpdatedS) << " s  peer updated its TCB\n";
        os << "  " << at(h.peerAnsweredS) << " s  peer answered (and resumed sending)\n";
        os << "  " << at(h.confirmedS) << " s  confirmation received\n";
        os << "  " << at(h.firstNewByteS) << " s  first byte after the gap\n";
        os << "  disruption " << (std::isnan(h.disruptionS) ? std::string("-") : at(h.disruptionS))
           << " s\n";
    }
    auto simTime = result.parameters.find("simTimeS");
    if (simTime != result.parameters.end() && result.endS < std::stod(simTime->second))
    {
        os << "Run stopped early at " << result.endS << " s (stopEarly: settled)\n";
    }
    os << "Delivered: " << result.uplinkBytes << " B uplink, " << result.downlinkBytes
       << " B downlink; " << (result.intact ? "intact" : "CORRUPTED") << "; connection "
       << (result.survived                         ? "survived"
           : result.verdict == Verdict::UNRESOLVED ? "unresolved (the run ended before the "
                                                     "connection could resume)"
                                                   : "did NOT survive")
       << "\n";
    for (const auto& p : result.pairs)
    {
        if (result.pairs.size() > 1)
        {
            os << "  " << Label(Host::MH, p.pair) << " - " << Label(Host::CH, p.pair) << ": "
               << p.uplinkBytes << " B uplink, " << p.downlinkBytes << " B downlink; "
               << (p.intact ? "intact" : "CORRUPTED") << "; " << GetVerdictName(p.verdict) << "\n";
        }
    }
    const auto& n = result.connections;
    os << "Connections: " << n.attempted << " attempted, " << n.opened << " opened, " << n.completed
       << " completed, " << n.stalled << " stalled, " << n.failed << " failed, " << n.prepared
       << " prepared\n";
    if (n.spanning > 0)
    {
        os << "  Across the move: " << n.kept << " of " << n.spanning
           << " connections open through it closed with their FIN acknowledged\n";
    }
    if (n.attempted > 0 && n.opened == 0)
    {
        os << "  No handshake completed: the host left its AP before the connection opened "
              "(a SYN from a lost address is not relocated). Start the walk later "
              "(--moveStartS) or the data earlier (--appStartS).\n";
    }
    for (size_t a = 0; a < result.crossBytes.size(); ++a)
    {
        if (result.crossBytes[a] > 0)
        {
            os << "Cross traffic received at AP" << a + 1 << "'s station: " << result.crossBytes[a]
               << " B\n";
        }
    }
    if (result.attack.position != "none")
    {
        const AttackStats& a = result.attack;
        os << "Attacker (" << a.position << ", " << a.action << ", " << a.ratePerS
           << "/s): " << a.sent << " messages sent, " << a.skipped
           << " ticks with nothing to send; "
           << (a.hijacked ? "connection HIJACKED at " + std::to_string(a.hijackedAtS) + " s"
                          : "no connection hijacked")
           << "\n";
    }
    os << "Retransmissions " << result.retransmissions << ", RTO expiries " << result.rtoExpiries
       << "\n";
    for (const auto& [name, stats] : result.signalling)
    {
        os << "  " << std::left << std::setw(20) << name << std::right << stats.count << " msgs, "
           << stats.bytes << " B\n";
    }
    if (!result.signallingBySender.empty())
    {
        os << "Signalling sent by";
        for (const auto& [sender, stats] : result.signallingBySender)
        {
            os << " " << sender << (result.pairs.size() > 1 && sender != "proxy" ? "s" : "") << " "
               << stats.count << " msgs (" << stats.bytes << " B)";
        }
        os << "\n";
    }
    for (const auto& c : result.crypto)
    {
        os << Label(c.host, c.pair) << ": " << c.signatures << " signatures, " << c.verifications
           << " verifications, " << c.keyShares << " key shares, " << c.keyAgreements
           << " key agreements, " << c.macs << " MACs, " << std::setprecision(3) << c.cpuTimeS * 1e3
           << " ms CPU";
        if (c.host == Host::MH)
        {
            os << ", " << c.energyJ * 1e3 << " mJ; WiFi radio " << c.radioEnergyJ << " J";
        }
        os << "\n";
    }
}

} // namespace ns3
