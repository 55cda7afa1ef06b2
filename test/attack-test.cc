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
    bool sip;               //!< its updates travel in SIP INFOs
    /// The victim refuses a replay as REPLAYED, before any check: over SIP
    /// (the transaction layer answers an exact copy), and for TCP Migrate
    /// (the new address is the segment's source, so a copy from the
    /// attacker is not the mover's retransmission). In band, the victim
    /// takes an exact copy for the mover's retransmission and answers it.
    bool victimRefusesReplay;

    /// \param os stream \param s scheme \return os
    friend std::ostream& operator<<(std::ostream& os, const Scheme& s)
    {
        return os << s.name;
    }
};

/// The schemes whose address changes travel in messages an attacker can forge.
const std::vector<Scheme> SCHEMES{{"mobisocket-inband", "mobisocket", "inband", true, false, false},
                                  {"mobisocket-direct", "mobisocket", "direct", true, true, true},
                                  {"mobisocket-proxy", "mobisocket", "proxy", true, true, true},
                                  {"tcp-r", "tcp-r", "inband", false, false, false},
                                  {"redirect", "redirect", "inband", false, false, false},
                                  {"migrate", "migrate", "inband", false, false, true}};

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

/**
 * \brief Run a scenario and count the INFOs the CH's user agent refused
 *        as naming no dialog of its own (answered 481; no exchange sees them).
 * \param p the parameters
 * \param[out] noDialog the count
 * \return the result
 */
ScenarioResult
RunCountingNoDialog(const WiredScenario::Parameters& p, uint64_t& noDialog)
{
    WiredScenario scenario(p);
    ScenarioResult result = scenario.Run();
    auto* sip = dynamic_cast<MobiSocketSipScheme*>(&scenario.GetScheme());
    noDialog =
        sip ? sip->GetUserAgent(Host::CH)->GetRejectCount(ChangeRejectReason::WRONG_TOKEN) : 0;
    Simulator::Destroy();
    return result;
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

/**
 * \param p a scenario
 * \return p under an on-path flood of 2000 forgeries a second from 1 s to
 *         4 s against a CH that spends at most 50 checks a second
 */
WiredScenario::Parameters
BudgetedFlood(WiredScenario::Parameters p)
{
    p.attacker = "on-path";
    p.attackRatePerS = 2000;
    p.attackStartS = 1;
    p.attackStopS = 4;
    p.checkRatePerS = 50;
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
    uint64_t quietNoDialog = 0;
    uint64_t noDialog = 0;
    ScenarioResult quiet = RunCountingNoDialog(Base(scheme), quietNoDialog);
    WiredScenario::Parameters p = Base(scheme);
    p.attacker = attacker.position;
    p.attack = attacker.action;
    p.attackRatePerS = 10;
    p.attackStartS = 1;
    p.attackStopS = 5;
    ScenarioResult attacked = RunCountingNoDialog(p, noDialog);

    BOOST_TEST(attacked.attack.position == attacker.position);
    BOOST_TEST(attacked.attack.sent + attacked.attack.skipped == 40U);
    BOOST_TEST(!attacked.attack.hijacked);
    BOOST_TEST(attacked.attack.hijackedAtS == -1);
    BOOST_TEST(attacked.survived);
    BOOST_TEST(attacked.intact);
    BOOST_TEST(attacked.uplinkBytes == p.mhSendBytes);

    // What the messages cost the victim, beyond the run without them, and
    // why it refused them.
    const NodeCrypto& q = ChCrypto(quiet);
    const NodeCrypto& a = ChCrypto(attacked);
    uint64_t checks = scheme.signatures ? a.verifications - q.verifications : a.macs - q.macs;
    auto refused = [&a, &q](const std::string& reason) {
        return Rejected(a, reason) - Rejected(q, reason);
    };
    BOOST_TEST(quietNoDialog == 0U);
    if (attacker.position == "off-path")
    {
        // A guessed token names no connection (a made-up dialog no session):
        // dropped before any check, by the demux or the user agent.
        BOOST_TEST(attacked.attack.sent == 40U);
        BOOST_TEST(checks == 0U);
        BOOST_TEST(noDialog == (scheme.sip ? 40U : 0U));
    }
    else if (attacker.action == "forge")
    {
        // Token, dialog and addresses right: each forgery costs one check,
        // which fails.
        BOOST_TEST(attacked.attack.sent >= 38U);
        BOOST_TEST(checks == attacked.attack.sent);
        BOOST_TEST(refused("bad-authenticator") == attacked.attack.sent);
        BOOST_TEST(noDialog == 0U);
    }
    else
    {
        // Replays of the genuine update (captured at 2.5 s), before any check.
        // Over SIP the transaction layer answers a retransmission, so the
        // exchange refuses every copy on its sequence number; so does TCP
        // Migrate's, since the copy names the attacker's address. In band,
        // an exact copy of the update it accepted is the mover retransmitting
        // after a lost AddConfirm: the CH sends its AddConfirm again, to
        // the mover (not to the attacker), which refuses it as a replay.
        BOOST_TEST(attacked.attack.sent >= 20U);
        BOOST_TEST(attacked.attack.sent <= 26U);
        BOOST_TEST(checks == 0U);
        uint64_t moverRefused = Rejected(CryptoOf(attacked, Host::MH), "replayed") -
                                Rejected(CryptoOf(quiet, Host::MH), "replayed");
        BOOST_TEST(refused("replayed") == (scheme.victimRefusesReplay ? attacked.attack.sent : 0U));
        BOOST_TEST(moverRefused == (scheme.victimRefusesReplay ? 0U : attacked.attack.sent));
        BOOST_TEST(noDialog == 0U);
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
    ScenarioResult r = WiredScenario::Run(BudgetedFlood(p));
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

BOOST_DATA_TEST_CASE(over_sip_an_update_refused_for_the_budget_is_sent_again,
                     bdata::make({SCHEMES[1], SCHEMES[2]}),
                     scheme)
{
    // The budgeted flood of a_check_budget_bounds_what_a_flood_costs against
    // MobiSocket with SIP signalling. The INFO's 200 says it was received,
    // not accepted, and SIP retransmits nothing after a final response: a
    // 200 to an AddChange refused for the budget would leave the mover
    // waiting for an AddConfirm that never comes (it gives up after 64*T1).
    // The CH answers 503 with Retry-After 1 instead, and the MH sends the
    // same AddChange again a second after each 503: at 2.5 s and about
    // 3.55 s (both refused), then about 4.6 s, after the flood, accepted.
    WiredScenario::Parameters p = StreamBase();
    p.signalling = scheme.signalling;
    p.simTimeS = 10;
    p = BudgetedFlood(p);
    ScenarioResult r = WiredScenario::Run(p);
    BOOST_TEST(!r.attack.hijacked);
    BOOST_TEST(r.survived);
    BOOST_TEST(r.intact);
    BOOST_TEST(r.uplinkBytes == p.mhSendBytes);
    BOOST_REQUIRE_EQUAL(r.handovers.size(), 1U);
    // Three INFOs from the MH, one AddConfirm INFO from the CH; every
    // refusal for the budget answered 503.
    BOOST_TEST(r.signalling.at("SIP INFO").count == 4U);
    BOOST_TEST(r.signalling.at("SIP 503/INFO").count == Rejected(ChCrypto(r), "over-budget"));
    // Two round trips (at least 20 ms each, 4 links of 5 ms) and two
    // Retry-After seconds after the first INFO, plus the last one-way trip
    // and its check.
    const HandoverRecord& h = r.handovers[0];
    BOOST_TEST(h.peerUpdatedS - h.updateSentS >= 2 * 1.02 + 0.01);
    BOOST_TEST(h.peerUpdatedS - h.updateSentS <= 2.2);
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
    WiredScenario::Parameters fine = Base(SCHEMES[3]);
    fine.attacker = "on-path";
    fine.attack = "replay";
    BOOST_TEST(fine.Validate() == "");
}

BOOST_AUTO_TEST_SUITE_END()
