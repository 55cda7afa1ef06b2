/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket
 * The attack experiment (issue 15) on the wired test bed: for each scheme
 * whose address changes travel in messages (MobiSocket in band and in SIP
 * INFOs, direct or through the proxy, TCP-R, the redirect daemon, TCP
 * Migrate), an attacker redirecting the CH's connection to itself, off the path (guessing) or on it
 * (forging with what it sees, or replaying the genuine update), at a range of rates, with and
 * without a budget of authenticity checks on the CH. The MH moves once (its link fails at 2 s, its
 * new address at 2.5 s); the attacker sends from 1 s to 4 s. Each run is one row of attack.csv:
 * whether the connection was hijacked, what the forgeries cost the CH (checks, CPU time, energy at
 * the CPU model's busy power) and the handover's disruption.
 *
 *     build/examples/mobisocket-attack                        # results/attack/attack.csv
 *     build/examples/mobisocket-attack --rates=10,1000 --out=-  # to the terminal
 */

#include "ns3/core-module.h"
#include "ns3/mobisocket-module.h"

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

/// A scheme of the experiment: its name and its parameters.
struct Scheme
{
    const char* name;       //!< as in the CSV
    const char* protocol;   //!< protocol parameter
    const char* signalling; //!< signalling parameter
    bool signatures;        //!< its updates are signed (else MAC'd)
};

/// An attacker of the experiment.
struct Attacker
{
    const char* position; //!< attacker parameter
    const char* action;   //!< attack parameter
    bool sweepsRate;      //!< run at every rate (else at the first only)
};

/// One run's row.
struct Row
{
    std::string scheme;   //!< scheme name
    std::string attacker; //!< "position action"
    double rate;          //!< messages per second
    double checkRate;     //!< CH's CheckRate (0: none)
    uint32_t phase;       //!< which start offset
    ScenarioResult quiet; //!< the run without attacker
    ScenarioResult run;   //!< the run with it
};

/// \param text comma-separated numbers \return them
std::vector<double>
ParseList(const std::string& text)
{
    std::vector<double> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
    {
        out.push_back(std::stod(item));
    }
    return out;
}

/**
 * \param os where
 * \param row a run
 * \param scheme its scheme
 * \param busyPowerW the CPU model's busy power (W)
 */
void
WriteRow(std::ostream& os, const Row& row, const Scheme& scheme, double busyPowerW)
{
    const NodeCrypto& q = *row.quiet.FindCrypto(Host::CH); // every scheme's CH is watched
    const NodeCrypto& a = *row.run.FindCrypto(Host::CH);
    uint64_t checks = scheme.signatures ? a.verifications - q.verifications : a.macs - q.macs;
    double cpu = a.cpuTimeS - q.cpuTimeS;
    const auto& h = row.run.handovers;
    double disruption = h.empty() ? -1 : h[0].disruptionS;
    double accept = h.empty() ? -1 : h[0].peerUpdatedS - h[0].updateSentS;
    uint64_t sent = row.run.attack.sent;
    os << row.scheme << "," << row.attacker << "," << row.rate << "," << row.checkRate << ","
       << row.phase << "," << sent << "," << (row.run.attack.hijacked ? 1 : 0) << "," << checks
       << "," << cpu << "," << cpu * busyPowerW << "," << (sent ? cpu / sent : 0) << ","
       << disruption << "," << accept << "," << (row.run.survived ? 1 : 0) << ","
       << (row.run.intact ? 1 : 0) << "\n";
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string rates = "10,100,500,1000,1250,1500,2000,4000";
    double budget = 50;
    std::string out = "results/attack/attack.csv";
    uint32_t phases = 10;
    CommandLine cmd(__FILE__);
    cmd.AddValue("rates", "Attack rates (messages per second), comma-separated", rates);
    cmd.AddValue("budget", "The CH's CheckRate in the mitigated runs (checks per second)", budget);
    cmd.AddValue("out", "CSV file to write (- for the standard output)", out);
    cmd.AddValue("phases",
                 "Runs per point, the attacker's start shifted by 1/(phases x rate) each: "
                 "where the genuine update falls between two forgeries",
                 phases);
    cmd.Parse(argc, argv);
    std::vector<double> rateList = ParseList(rates);
    if (rateList.empty() || budget <= 0 || phases == 0)
    {
        std::cerr << "rates must list at least one rate; budget and phases must be positive\n";
        return 2;
    }

    const Scheme schemes[] = {{"mobisocket-inband", "mobisocket", "inband", true},
                              {"mobisocket-direct", "mobisocket", "direct", true},
                              {"mobisocket-proxy", "mobisocket", "proxy", true},
                              {"tcp-r", "tcp-r", "inband", false},
                              {"redirect", "redirect", "inband", false},
                              {"migrate", "migrate", "inband", false}};
    const Attacker attackers[] = {{"off-path", "forge", true},
                                  {"on-path", "forge", true},
                                  {"on-path", "replay", false}};
    DoubleValue busyCurrent;
    CreateObject<CpuEnergyModel>()->GetAttribute("BusyCurrent", busyCurrent);
    const double busyPowerW = busyCurrent.Get() * 3.7; // the scenarios' 3.7 V battery

    std::ofstream file;
    if (out != "-")
    {
        std::error_code ec;
        std::filesystem::create_directories(std::filesystem::path(out).parent_path(), ec);
        file.open(out);
        if (!file)
        {
            std::cerr << "cannot write " << out << "\n";
            return 2;
        }
    }
    std::ostream& os = out == "-" ? std::cout : file;
    os << "scheme,attacker,rate_per_s,check_rate_per_s,phase,sent,hijacked,ch_checks,ch_cpu_s,"
          "ch_energy_j,cpu_s_per_message,disruption_s,accept_delay_s,survived,intact\n";
    int hijacks = 0;
    for (const Scheme& scheme : schemes)
    {
        WiredScenario::Parameters p;
        p.protocol = scheme.protocol;
        p.signalling = scheme.signalling;
        p.prepareAfterS = 0;
        p.streamKbps = 1000;
        p.mhSendBytes = 1000000;
        p.mhMoveAtS = 2;
        p.mhOutageS = 0.5;
        p.simTimeS = 10;
        for (double checkRate : {0.0, budget})
        {
            p.checkRatePerS = checkRate;
            p.attacker = "none";
            ScenarioResult quiet = WiredScenario::Run(p);
            for (const Attacker& attacker : attackers)
            {
                for (double rate : rateList)
                {
                    for (uint32_t phase = 0; phase < phases; ++phase)
                    {
                        WiredScenario::Parameters a = p;
                        a.attacker = attacker.position;
                        a.attack = attacker.action;
                        a.attackRatePerS = rate;
                        a.attackStartS = 1 + phase / (phases * rate);
                        a.attackStopS = 4;
                        Row row{scheme.name,
                                std::string(attacker.position) + " " + attacker.action,
                                rate,
                                checkRate,
                                phase,
                                quiet,
                                WiredScenario::Run(a)};
                        hijacks += row.run.attack.hijacked;
                        WriteRow(os, row, scheme, busyPowerW);
                    }
                    if (!attacker.sweepsRate)
                    {
                        break;
                    }
                }
            }
        }
    }
    std::cerr << "attack: " << hijacks << " hijacked runs" << (out == "-" ? "" : "; wrote " + out)
              << "\n";
    return hijacks == 0 ? 0 : 1;
}
