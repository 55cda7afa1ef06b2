/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket
 * Randomized handover stress (issue 15): runs HandoverScenario parameter
 * sets drawn from a seed (HandoverStress), compares each verdict with the
 * one the scheme's design predicts, checks that the byte stream is intact,
 * and prints a table of outcomes per scheme, then every mismatch as a
 * command line for mobisocket-wifi-handover. Exits with status 1 if a run
 * was not intact or its verdict was not the predicted one.
 *
 *     ./build/examples/mobisocket-stress                  # 40 draws of seed 15
 *     ./build/examples/mobisocket-stress --runs=1000      # the full stress
 *     ./build/examples/mobisocket-stress --first=517 --runs=1 --verbose=1
 */

#include "ns3/core-module.h"
#include "ns3/mobisocket-module.h"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/// Counts of one row of the table.
struct Row
{
    uint32_t runs{0};                      //!< runs
    std::map<Verdict, uint32_t> predicted; //!< predicted verdicts
    std::map<Verdict, uint32_t> observed;  //!< observed verdicts
    uint32_t intact{0};                    //!< intact runs
    uint32_t mismatches{0};                //!< verdict differs from the prediction
    double wallS{0};                       //!< wall time
};

/// \return "s/f/u" counts of a verdict map
std::string
Counts(const std::map<Verdict, uint32_t>& counts)
{
    auto get = [&counts](Verdict v) {
        auto it = counts.find(v);
        return it == counts.end() ? 0u : it->second;
    };
    std::ostringstream out;
    out << get(Verdict::SURVIVED) << "/" << get(Verdict::FAILED) << "/" << get(Verdict::UNRESOLVED);
    return out.str();
}

/**
 * \brief Print a table of rows.
 * \param title the first column's title
 * \param rows the rows by name
 */
void
PrintTable(const std::string& title, const std::map<std::string, Row>& rows)
{
    std::cout << std::left << std::setw(24) << title << std::right << std::setw(6) << "runs"
              << std::setw(14) << "predicted" << std::setw(14) << "observed" << std::setw(8)
              << "intact" << std::setw(12) << "mismatches" << std::setw(10) << "wall s"
              << "\n";
    Row total;
    for (const auto& [name, row] : rows)
    {
        std::cout << std::left << std::setw(24) << name << std::right << std::setw(6) << row.runs
                  << std::setw(14) << Counts(row.predicted) << std::setw(14) << Counts(row.observed)
                  << std::setw(8) << row.intact << std::setw(12) << row.mismatches << std::setw(10)
                  << std::fixed << std::setprecision(1) << row.wallS << "\n";
        total.runs += row.runs;
        total.intact += row.intact;
        total.mismatches += row.mismatches;
        total.wallS += row.wallS;
        for (const auto& [v, n] : row.predicted)
        {
            total.predicted[v] += n;
        }
        for (const auto& [v, n] : row.observed)
        {
            total.observed[v] += n;
        }
    }
    std::cout << std::left << std::setw(24) << "all" << std::right << std::setw(6) << total.runs
              << std::setw(14) << Counts(total.predicted) << std::setw(14) << Counts(total.observed)
              << std::setw(8) << total.intact << std::setw(12) << total.mismatches << std::setw(10)
              << std::fixed << std::setprecision(1) << total.wallS << "\n";
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t runs = 40;
    uint64_t seed = 15;
    uint64_t first = 0;
    bool verbose = false;
    bool list = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("runs", "Number of draws to run", runs);
    cmd.AddValue("seed", "Seed of the draws", seed);
    cmd.AddValue("first", "Index of the first draw", first);
    cmd.AddValue("verbose", "Print every run's line (else only mismatches and progress)", verbose);
    cmd.AddValue("list", "Only list the draws (prediction and command line), run nothing", list);
    cmd.Parse(argc, argv);

    HandoverStress stress(seed);
    std::map<std::string, Row> byScheme;
    std::map<std::string, Row> byRule;
    std::vector<std::string> problems;
    auto start = std::chrono::steady_clock::now();
    std::cout << "Randomized handover stress: seed " << seed << ", draws " << first << "-"
              << first + runs - 1 << " (ns-3 " << GetNs3Version() << ")\n"
              << "verdicts as survived/failed/unresolved\n";
    for (uint64_t i = first; i < first + runs; ++i)
    {
        HandoverStress::Parameters p = stress.Draw(i);
        StressPrediction prediction = HandoverStress::Predict(p);
        if (list)
        {
            std::cout << "draw " << i << ": " << HandoverStress::SchemeName(p) << ", "
                      << HandoverStress::ClassName(p) << ", rule " << prediction.rule
                      << ": predicted " << prediction.verdict << "\n  "
                      << HandoverStress::CommandLine(p) << std::endl;
            continue;
        }
        HandoverScenario::Result r = HandoverScenario::Run(p);
        bool mismatch =
            r.verdict != prediction.verdict || (!prediction.opened && r.connections.opened != 0);
        for (Row* row : {&byScheme[HandoverStress::SchemeName(p)], &byRule[prediction.rule]})
        {
            ++row->runs;
            ++row->predicted[prediction.verdict];
            ++row->observed[r.verdict];
            row->intact += r.intact ? 1 : 0;
            row->mismatches += mismatch ? 1 : 0;
            row->wallS += r.wallClockS;
        }
        std::ostringstream line;
        line << "draw " << i << ": " << HandoverStress::SchemeName(p) << ", "
             << HandoverStress::ClassName(p) << ", rule " << prediction.rule << ": predicted "
             << prediction.verdict << ", observed " << r.verdict
             << (r.intact ? ", intact" : ", NOT INTACT") << ", " << r.handovers.size()
             << " handovers, " << std::fixed << std::setprecision(1) << r.endS << " s simulated in "
             << std::setprecision(2) << r.wallClockS << " s";
        if (mismatch || !r.intact)
        {
            std::ostringstream problem;
            problem << line.str() << "\n  build/examples/mobisocket-wifi-handover "
                    << HandoverStress::CommandLine(p);
            problems.push_back(problem.str());
            std::cout << "MISMATCH " << problem.str() << std::endl;
        }
        else if (verbose)
        {
            std::cout << line.str() << std::endl;
        }
        else if ((i - first + 1) % 50 == 0)
        {
            std::cout << "  " << i - first + 1 << " runs done" << std::endl;
        }
    }
    if (list)
    {
        return 0;
    }
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "\n";
    PrintTable("scheme", byScheme);
    std::cout << "\n";
    PrintTable("rule", byRule);
    std::cout << "\n"
              << runs << " runs in " << std::fixed << std::setprecision(1) << wall << " s wall ("
              << std::setprecision(2) << wall / std::max(runs, 1u) << " s per run)\n";
    if (problems.empty())
    {
        std::cout << "every run intact, every verdict as predicted\n";
        return 0;
    }
    std::cout << problems.size() << " run(s) not intact or not as predicted:\n";
    for (const std::string& problem : problems)
    {
        std::cout << problem << "\n";
    }
    return 1;
}
