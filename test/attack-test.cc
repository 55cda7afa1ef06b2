/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * Attackers in the wired scenario (ChangeAttacker): no scheme that
 * authenticates its address changes is hijacked, off the path or on it, by
 * forgeries or replays; what each forged message costs the victim; a flood
 * beyond the victim's CPU delays the genuine change; a victim that accepts
 * anything is hijacked (the detector works); a budget of checks bounds
 * what a flood costs; bad attacker parameters.
 */

#define BOOST_TEST_MODULE attack
#include "mobisocket-test-support.h"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

using namespace ns3;
namespace bdata = boost::unit_test::data;

/// Parameter sets of this suite (named: the data test cases print them).
namespace attack_test
{

/// A scheme with messages on the wire, as the scenario's parameters name it.
struct Scheme
{
    std::string name;       //!< for the context
    std::string protocol;   //!< protocol parameter
    std::string signalling; //!< signalling parameter
    bool signatures;        //!< its updates are signed (Ed25519), else MAC'd

    /// \param os stream \param s scheme \return os
    friend std::ostream& operator<<(std::ostream& os, const Scheme& s)
    {
        return os << s.name;
    }
};

/// The schemes whose address changes travel in messages an attacker can forge.
const std::vector<Scheme> SCHEMES{{"mobisocket-inband", "mobisocket", "inband", true},
                                  {"tcp-r", "tcp-r", "inband", false},
                                  {"redirect", "redirect", "inband", false}};

/// An attacker, as the parameters name it.
struct Attacker
{
    std::string position; //!< attacker parameter
    std::string action;   //!< attack parameter

    /// \param os stream \param a attacker \return os
    friend std::ostream& operator<<(std::ostream& os, const Attacker& a)
    {
        return os << a.position << " " << a.action;
    }
};

/// Every attacker the scenario offers.
const std::vector<Attacker> ATTACKERS{{"off-path", "forge"},
                                      {"on-path", "forge"},
                                      {"on-path", "replay"}};

/**
 * \param scheme the scheme
 * \return the wired scenario: 3 MB from the MH, whose access link fails at
 *         2 s and which has its new address at 2.5 s; the redirect daemon
 *         prepares the connection at once
 */
WiredScenario::Parameters
Base(const Scheme& scheme)
{
    WiredScenario::Parameters p;
    p.protocol = scheme.protocol;
    p.signalling = scheme.signalling;
    p.prepareAfterS = 0;
    p.mhSendBytes = 3000000;
    p.mhMoveAtS = 2;
    p.mhOutageS = 0.5;
    p.simTimeS = 8;
    return p;
}

/// \param result a run \return the CH's cryptographic work
const NodeCrypto&
ChCrypto(const ScenarioResult& result)
{
    return CryptoOf(result, Host::CH);
}

/**
 * \param node a node's cryptographic work
 * \param reason a reject reason's name
 * \return how many change messages its exchanges refused for that reason
 */
uint64_t
Rejected(const NodeCrypto& node, const std::string& reason)
{
    auto it = node.rejected.find(reason);
    return it == node.rejected.end() ? 0 : it->second;
}

/// \return Base() for MobiSocket in band with a 1 Mb/s stream, so that the
///         links never queue: what delays a change is the CH's CPU alone
WiredScenario::Parameters
StreamBase()
{
    WiredScenario::Parameters p = Base(SCHEMES[0]);
    p.streamKbps = 1000;
    p.mhSendBytes = 1000000;
    return p;
}

/// \param result a run \return the disruption of its only handover
double
Disruption(const ScenarioResult& result)
{
    BOOST_REQUIRE_EQUAL(result.handovers.size(), 1U);
    return result.handovers[0].disruptionS;
}

} // namespace attack_test

using namespace attack_test;

BOOST_FIXTURE_TEST_SUITE(hijack, NsFixture)

BOOST_DATA_TEST_CASE(no_authenticating_scheme_is_hijacked,
                     bdata::make(SCHEMES) * bdata::make(ATTACKERS),
                     scheme,
                     attacker)
{
    // 10 messages a second from 1 s to 5 s (40 ticks), across the MH's move.
    ScenarioResult quiet = WiredScenario::Run(Base(scheme));
    WiredScenario::Parameters p = Base(scheme);
    p.attacker = attacker.position;
    p.attack = attacker.action;
    p.attackRatePerS = 10;
    p.attackStartS = 1;
    p.attackStopS = 5;
    ScenarioResult attacked = WiredScenario::Run(p);

    BOOST_TEST(attacked.attack.position == attacker.position);
    BOOST_TEST(attacked.attack.sent + attacked.attack.skipped == 40U);
    BOOST_TEST(!attacked.attack.hijacked);
    BOOST_TEST(attacked.attack.hijackedAtS == -1);
    BOOST_TEST(attacked.survived);
    BOOST_TEST(attacked.intact);
    BOOST_TEST(attacked.uplinkBytes == p.mhSendBytes);

    // What the messages cost the victim, beyond the run without them.
    const NodeCrypto& q = ChCrypto(quiet);
    const NodeCrypto& a = ChCrypto(attacked);
    uint64_t checks = scheme.signatures ? a.verifications - q.verifications : a.macs - q.macs;
    if (attacker.position == "off-path")
    {
        // A guessed token names no connection: dropped before any check.
        BOOST_TEST(attacked.attack.sent == 40U);
        BOOST_TEST(checks == 0U);
    }
    else if (attacker.action == "forge")
    {
        // Token and addresses right: each forgery costs one check, which fails.
        BOOST_TEST(attacked.attack.sent >= 38U);
        BOOST_TEST(checks == attacked.attack.sent);
    }
    else
    {
        // Replays of the genuine update (captured at 2.5 s): refused on their
        // sequence number, before any check.
        BOOST_TEST(attacked.attack.sent >= 20U);
        BOOST_TEST(attacked.attack.sent <= 26U);
        BOOST_TEST(checks == 0U);
    }
    BOOST_TEST(a.signatures == q.signatures);
    BOOST_TEST(a.keyAgreements == q.keyAgreements);
}

BOOST_AUTO_TEST_CASE(a_victim_that_accepts_any_change_is_hijacked)
{
    // The detector's check: the CH has no key for the MH and an application
    // verifier that accepts every AddChange. The on-path attacker read the
    // token from the handshake's nonces and redirects the connection with
    // its first forgery (sent at 1 s; 5 ms to the router, 5 ms to the CH).
    WiredScenario::Parameters p = Base(SCHEMES[0]);
    p.mhMoveAtS = -1;
    p.givePeerKeys = false;
    p.attacker = "on-path";
    p.attackStartS = 1;
    p.attackStopS = 1.05;
    WiredScenario scenario(p);
    scenario.GetApplication(Host::CH)->TraceConnectWithoutContext(
        "Connected",
        MakeCallback(+[](Ptr<Socket> socket) {
            DynamicCast<MobiSocket>(socket)->SetAddChangeVerifier(
                MakeCallback(+[](Ptr<MobiSocket>, const AddChangeHeader&) { return true; }));
        }));
    ScenarioResult r = scenario.Run();
    Simulator::Destroy();
    BOOST_TEST(r.attack.sent == 1U);
    BOOST_TEST(r.attack.hijacked);
    BOOST_TEST(r.attack.hijackedAtS == 1.01, boost::test_tools::tolerance(1e-3));
    BOOST_TEST(r.uplinkBytes < p.mhSendBytes);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(cost, NsFixture)

BOOST_DATA_TEST_CASE(a_flood_beyond_the_victims_cpu_delays_the_genuine_change,
                     bdata::make({1000.0, 2000.0}),
                     rate)
{
    // Signed forgeries from 1 s to 4 s at `rate` per second. The CH checks
    // each (650,102 cycles at 800 MHz: 0.8126 ms, a capacity of 1230.6/s),
    // and checks queue on its one CPU. At 1000/s the queue stays short:
    // the genuine AddChange is accepted as fast as without the attacker. At
    // 2000/s the backlog grows by 2000 * 0.8126 ms - 1 = 0.6252 s of work
    // per second: when the AddChange arrives, 1.5 s after the flood began,
    // its check waits 1.5 * 0.6252 = 0.938 s.
    WiredScenario::Parameters p = StreamBase();
    ScenarioResult quiet = WiredScenario::Run(p);
    p.attacker = "on-path";
    p.attackRatePerS = rate;
    p.attackStartS = 1;
    p.attackStopS = 4;
    ScenarioResult flooded = WiredScenario::Run(p);
    BOOST_TEST(!flooded.attack.hijacked);
    BOOST_TEST(flooded.survived);
    BOOST_TEST(flooded.intact);
    BOOST_REQUIRE_EQUAL(quiet.handovers.size(), 1U);
    BOOST_REQUIRE_EQUAL(flooded.handovers.size(), 1U);
    auto acceptance = [](const ScenarioResult& r) {
        return r.handovers[0].peerUpdatedS - r.handovers[0].updateSentS;
    };
    double wait = acceptance(flooded) - acceptance(quiet);
    BOOST_TEST_MESSAGE("rate " << rate << "/s: AddChange accepted after " << acceptance(quiet)
                               << " s -> " << acceptance(flooded) << " s; disruption "
                               << Disruption(quiet) << " s -> " << Disruption(flooded) << " s");
    if (rate < 1230)
    {
        // At most the rest of the one forgery being checked (0.8126 ms).
        BOOST_TEST(wait >= 0);
        BOOST_TEST(wait <= 0.00082);
        BOOST_TEST(Disruption(flooded) - Disruption(quiet) < 0.002);
    }
    else
    {
        BOOST_TEST(wait == 0.938, boost::test_tools::tolerance(0.02));
        BOOST_TEST(Disruption(flooded) - Disruption(quiet) >= wait);
    }
    // Every forgery reached the CH and was refused:
    // checked, or refused unchecked because it named the address the CH had
    // left (sent before the attacker saw the CH use the new one). Each check
    // is one verification on the CH's CPU.
    const NodeCrypto& ch = ChCrypto(flooded);
    uint64_t checked = ch.verifications - ChCrypto(quiet).verifications;
    uint64_t badAuthenticator = Rejected(ch, "bad-authenticator");
    uint64_t mismatch = Rejected(ch, "address-mismatch");
    BOOST_TEST(checked == badAuthenticator);
    BOOST_TEST(badAuthenticator + mismatch == flooded.attack.sent);
    BOOST_TEST(ch.cpuTimeS - ChCrypto(quiet).cpuTimeS == checked * VERIFY,
               boost::test_tools::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(a_check_budget_bounds_what_a_flood_costs)
{
    // The same flood (2000/s from 1 s to 4 s) against a CH whose exchange
    // spends at most CheckRate=50 checks a second (CheckBurst 4). It checks
    // 4 + 50 * 3 = 154 forgeries (one every 20 ms once the burst is spent)
    // and refuses the others unchecked. The genuine AddChange (2.5 s) and
    // its retransmission (3.5 s) meet a spent budget: a token is taken by
    // the next forgery within 0.5 ms of its refill. The next retransmission
    // (5.5 s: the exchange doubles its 1 s RTO) comes after the flood.
    WiredScenario::Parameters p = StreamBase();
    p.simTimeS = 10;
    ScenarioResult quiet = WiredScenario::Run(p);
    p.attacker = "on-path";
    p.attackRatePerS = 2000;
    p.attackStartS = 1;
    p.attackStopS = 4;
    p.checkRatePerS = 50;
    ScenarioResult r = WiredScenario::Run(p);
    BOOST_TEST(!r.attack.hijacked);
    BOOST_TEST(r.survived);
    BOOST_TEST(r.intact);
    const NodeCrypto& ch = ChCrypto(r);
    uint64_t checked = ch.verifications - ChCrypto(quiet).verifications;
    BOOST_TEST(checked >= 153U);
    BOOST_TEST(checked <= 155U);
    BOOST_TEST(ch.cpuTimeS - ChCrypto(quiet).cpuTimeS == checked * VERIFY,
               boost::test_tools::tolerance(1e-6));
    BOOST_TEST(Rejected(ch, "bad-authenticator") == checked);
    // Everything else was refused unchecked, the two genuine copies included.
    uint64_t refused = Rejected(ch, "over-budget") + Rejected(ch, "address-mismatch");
    BOOST_TEST(refused + checked == r.attack.sent + 2);
    BOOST_REQUIRE_EQUAL(r.handovers.size(), 1U);
    BOOST_TEST(r.handovers[0].peerUpdatedS > 5.5);
    BOOST_TEST(r.handovers[0].peerUpdatedS < 5.53);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(parameters, NsFixture)

BOOST_AUTO_TEST_CASE(bad_attacker_parameters_are_named)
{
    auto check = [](const std::string& name, std::function<void(WiredScenario::Parameters&)> set) {
        WiredScenario::Parameters p = Base(SCHEMES[0]);
        set(p);
        std::string error = p.Validate();
        BOOST_TEST_CONTEXT(name << ": " << error)
        {
            BOOST_TEST(error.find("'" + name + "'") != std::string::npos);
        }
    };
    check("attacker", [](auto& p) { p.attacker = "sideways"; });
    check("attack", [](auto& p) { p.attack = "jam"; });
    check("attack", [](auto& p) {
        p.attacker = "off-path";
        p.attack = "replay";
    });
    check("attackRatePerS", [](auto& p) {
        p.attacker = "on-path";
        p.attackRatePerS = 0;
    });
    check("attackStartS", [](auto& p) {
        p.attacker = "on-path";
        p.attackStartS = 9;
    });
    check("attackStopS", [](auto& p) {
        p.attacker = "on-path";
        p.attackStopS = 0.5;
    });
    // Schemes with nothing on the wire to forge.
    check("attacker", [](auto& p) {
        p.attacker = "on-path";
        p.protocol = "tcp";
    });
    check("attacker", [](auto& p) {
        p.attacker = "off-path";
        p.signalling = "application";
    });
    WiredScenario::Parameters fine = Base(SCHEMES[1]);
    fine.attacker = "on-path";
    fine.attack = "replay";
    BOOST_TEST(fine.Validate() == "");
}

BOOST_AUTO_TEST_SUITE_END()
