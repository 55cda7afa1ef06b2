/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * Randomized handover stress (issue 15): parameter sets drawn from a fixed
 * seed (HandoverStress), each run asserting that the byte stream is intact
 * and that the verdict is the one the scheme's design predicts. A failure
 * names the draw and the command line that reruns it. The 1,000-run version
 * is examples/mobisocket-stress (module documentation, "Randomized handover
 * stress").
 */

#define BOOST_TEST_MODULE stress
#include "mobisocket-test-support.h"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <set>

using namespace ns3;
namespace bdata = boost::unit_test::data;

namespace
{

/// The seed of the CI draws (the number).
constexpr uint64_t SEED = 15;
/// How many draws CI runs.
constexpr uint64_t RUNS = 40;

/**
 * The timing model's geometric bounds (50.4 m beacon range, the signal
 * policy's 41-44.5 m) were measured on ns-3.37; another release may draw
 * other walks and frame losses from the same RngRun (ns-3.48 loses a
 * broadcast OFFER the 3.37 walk keeps). The 1,000-run check has passed on
 * ns-3.37 and ns-3.48 (the latter once draw 676's crash was avoided): the
 * runs execute there; on another release, the generator check only.
 */
constexpr bool TIMING_MODEL_CHECKED =
    MOBISOCKET_NS3_VERSION == 337 || MOBISOCKET_NS3_VERSION == 348;

} // namespace

BOOST_FIXTURE_TEST_SUITE(generator, NsFixture)

BOOST_AUTO_TEST_CASE(draws_are_valid_decidable_and_reproducible)
{
    HandoverStress stress(SEED);
    std::set<std::string> schemes;
    std::set<std::string> rules;
    for (uint64_t i = 0; i < 1000; ++i)
    {
        HandoverStress::Parameters p = stress.Draw(i);
        BOOST_TEST_CONTEXT("draw " << i << ": " << HandoverStress::CommandLine(p))
        {
            BOOST_TEST(p.Validate() == "");
            StressPrediction prediction = HandoverStress::Predict(p);
            BOOST_TEST(prediction.decidable);
            schemes.insert(HandoverStress::SchemeName(p));
            rules.insert(prediction.rule);
        }
    }
    // Every scheme, and every rule of the design, is exercised.
    BOOST_TEST(schemes.size() == 8u);
    for (const char* rule : {"moves",
                             "tcp",
                             "tcp-return",
                             "redirect-young",
                             "both-sequential",
                             "both-rendezvous",
                             "both-ideal",
                             "both-dns",
                             "both-no-rendezvous",
                             "in-flight",
                             "gap",
                             "finished",
                             "still",
                             "interface"})
    {
        BOOST_TEST(rules.count(rule) == 1u, rule);
    }
    // The same seed and index give the same set, whatever was drawn before;
    // another seed gives another set.
    HandoverStress again(SEED);
    BOOST_TEST((again.Draw(517).ToStrings() == stress.Draw(517).ToStrings()));
    BOOST_TEST((again.Draw(3).ToStrings() == stress.Draw(3).ToStrings()));
    BOOST_TEST((HandoverStress(SEED + 1).Draw(3).ToStrings() != stress.Draw(3).ToStrings()));
    // A command line reads back as the same set.
    HandoverStress::Parameters p = stress.Draw(7);
    HandoverStress::Parameters q;
    std::istringstream flags(HandoverStress::CommandLine(p));
    for (std::string flag; flags >> flag;)
    {
        auto equals = flag.find('=');
        BOOST_REQUIRE(equals != std::string::npos);
        std::string value = flag.substr(equals + 1);
        BOOST_TEST(q.Set(flag.substr(2, equals - 2), value == "\"\"" ? "" : value) == "");
    }
    BOOST_TEST((q.ToStrings() == p.ToStrings()));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(runs, NsFixture, *boost::unit_test::enable_if<TIMING_MODEL_CHECKED>())

BOOST_DATA_TEST_CASE(verdict_is_the_predicted_one_and_bytes_are_intact, bdata::xrange(RUNS), i)
{
    HandoverStress::Parameters p = HandoverStress(SEED).Draw(i);
    StressPrediction prediction = HandoverStress::Predict(p);
    HandoverScenario::Result r = HandoverScenario::Run(p);
    BOOST_TEST_CONTEXT("draw " << i << " (seed " << SEED << "), " << HandoverStress::SchemeName(p)
                               << ", " << HandoverStress::ClassName(p) << ", rule "
                               << prediction.rule << " (" << prediction.reason << "); rerun with\n"
                               << "  build/examples/mobisocket-wifi-handover "
                               << HandoverStress::CommandLine(p))
    {
        BOOST_TEST(r.intact);
        BOOST_TEST(r.verdict == prediction.verdict);
        if (!prediction.opened)
        {
            BOOST_TEST(r.connections.opened == 0u);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(findings, NsFixture)

BOOST_AUTO_TEST_CASE(a_scan_does_not_switch_channel_before_its_acknowledgement)
{
    // Draw 676 of seed 15 (TCP-R, signal roaming over channels 36 and 44,
    // UDP cross traffic): in ns-3.48 a probe response arrived less than SIFS
    // before the scan left the channel; the acknowledgement, an event a
    // channel switch does not cancel, fired while the PHY was switching and
    // ns-3 stopped ("Invalid WifiPhy state", 4.93 s). ScanningAssocManager
    // now switches only once no acknowledgement can be due. Run on every
    // release: the walk differs from one to the other, the rule holds.
    HandoverStress::Parameters p = HandoverStress(SEED).Draw(676);
    StressPrediction prediction = HandoverStress::Predict(p);
    HandoverScenario::Result r = HandoverScenario::Run(p);
    BOOST_TEST(r.intact);
    BOOST_TEST(r.connections.opened == 1u);
    if (TIMING_MODEL_CHECKED)
    {
        BOOST_TEST(r.verdict == prediction.verdict);
    }
}

BOOST_AUTO_TEST_SUITE_END()
