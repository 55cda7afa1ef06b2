/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * The one address-change exchange (ChangeExchange) on its own: two ends
 * joined by a fake connection and a lossy channel with a 10 ms one-way
 * delay, so every rule of the state machine is checked without TCP in the
 * way: timing of a round trip, the ordering rule (answer first, then
 * resume), retransmission on the transport's schedule, giving up, answers
 * to retransmissions from the cache, replays, crossing updates, and every
 * rejection reason, each of which changes nothing. Each case runs with both
 * message families: AddChange/AddConfirm signed with Ed25519 (MobiSocket) and
 * RedirectRequest/RedirectAck tagged with HMAC-SHA256 (TCP-R, the redirect
 * daemon).
 */

#define BOOST_TEST_MODULE change_exchange
#include "mobisocket-test-support.h"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

using namespace ns3;
namespace bdata = boost::unit_test::data;

/// Fakes and fixtures of this suite (named: lambdas in the test cases capture them).
namespace change_exchange_test
{

const Ipv4Address A_OLD("10.1.1.2");   //!< the mover's address before the move
const Ipv4Address A_NEW("10.1.2.2");   //!< the mover's address after the move
const Ipv4Address B_ADDR("10.2.1.2");  //!< the responder's address
const Ipv4Address B_NEW("10.2.2.2");   //!< the responder's address after its own move
const Time ONE_WAY = MilliSeconds(10); //!< channel delay

/// \return one Ed25519 key pair per seed byte
Ed25519KeyPair
KeysFrom(uint8_t seedByte)
{
    std::array<uint8_t, 32> seed{};
    seed.fill(seedByte);
    return Ed25519KeyPair::FromSeed(seed);
}

/// One line of the shared event log: when, which end, what.
struct LogEntry
{
    Time time;         //!< when
    std::string end;   //!< "A" or "B"
    std::string event; //!< update-sent, confirm-sent, moved-peer, completed, completed-no-restart
};

/**
 * One end of a connection as a ChangeExchange sees it: a fake connection
 * (addresses, token, whether it is active) and the channel to the other end
 * (a fixed delay; the next messages can be dropped or captured).
 */
class FakeEnd : public ChangeExchange::Connection, public ChangeExchange::Transport
{
  public:
    /**
     * \param name "A" or "B"
     * \param local this end's address
     * \param port this end's port
     * \param peer the peer's address
     * \param log the shared event log
     */
    FakeEnd(std::string name,
            Ipv4Address local,
            uint16_t port,
            Ipv4Address peer,
            std::vector<LogEntry>& log)
        : name(std::move(name)),
          local(local),
          port(port),
          peer(peer),
          m_log(log)
    {
        node = CreateObject<Node>();
        agent = CryptoAgent::Install(node);
        exchange = CreateObject<ChangeExchange>();
        exchange->SetConnection(this);
        exchange->SetTransport(this);
        exchange->SetAddressKnownToPeer(local);
    }

    ~FakeEnd() override
    {
        exchange->Dispose();
    }

    // Connection
    bool CanRelocate() const override
    {
        return active;
    }

    uint64_t GetExchangeToken() const override
    {
        return token;
    }

    IpAddress GetExchangeLocalAddress() const override
    {
        return local;
    }

    uint16_t GetExchangeLocalPort() const override
    {
        return port;
    }

    IpAddress GetExchangePeerAddress() const override
    {
        return peer;
    }

    bool MovePeer(const AddressUpdateHeader& update) override
    {
        if (refuseMove)
        {
            return false;
        }
        peer = update.GetNewAddress();
        peerPort = update.GetNewPort();
        Log("moved-peer");
        return true;
    }

    void ChangeCompleted(bool restart) override
    {
        Log(restart ? "completed" : "completed-no-restart");
    }

    // Transport
    void SendUpdate(const AddressUpdateHeader& message) override
    {
        Log("update-sent");
        Send(message.ToPacket());
    }

    void SendConfirm(const AddressConfirmHeader& message) override
    {
        Log("confirm-sent");
        Send(message.ToPacket());
    }

    Time GetConfirmationTimeout(uint32_t transmissions) const override
    {
        return Seconds(1 << (transmissions - 1)); // 1 s, 2 s, 4 s, ...
    }

    uint32_t GetMaxRetransmissions() const override
    {
        return 2;
    }

    bool RetransmitsItself() const override
    {
        return retransmitsItself;
    }

    /// \brief This end moves to a new address and announces it.
    /// \param address the new address
    /// \return what Announce() returned
    bool Move(Ipv4Address address)
    {
        local = address;
        return exchange->Announce();
    }

    /**
     * \brief Deliver a message to this end now, as the channel would.
     * \param message the message
     * \param from its source address
     * \param fromPort its source port
     */
    void Deliver(Ptr<const Packet> message, IpAddress from, uint16_t fromPort)
    {
        ChangeExchange::Origin origin;
        origin.address = from;
        origin.port = fromPort;
        bool taken = exchange->Receive(message, origin);
        BOOST_TEST(taken);
    }

    /// \param event what happened
    /// \return how many times it was logged for this end
    int Count(const std::string& event) const
    {
        int n = 0;
        for (const LogEntry& e : m_log)
        {
            n += (e.end == name && e.event == event);
        }
        return n;
    }

    /// \param event what happened
    /// \return when it was first logged for this end (-1 s: never)
    Time First(const std::string& event) const
    {
        for (const LogEntry& e : m_log)
        {
            if (e.end == name && e.event == event)
            {
                return e.time;
            }
        }
        return Seconds(-1);
    }

    std::string name;                  //!< "A" or "B"
    IpAddress local;                   //!< this end's address
    uint16_t port;                     //!< this end's port
    IpAddress peer;                    //!< the peer's address
    uint16_t peerPort{0};              //!< the peer's port, once moved
    uint64_t token{0x1234abcd};        //!< the connection's token
    bool active{true};                 //!< CanRelocate()
    bool refuseMove{false};            //!< MovePeer() refuses
    bool retransmitsItself{false};     //!< RetransmitsItself()
    int drop{0};                       //!< messages to this end's peer still to drop
    bool capture{false};               //!< keep messages instead of sending them
    std::vector<Ptr<Packet>> captured; //!< messages kept (capture) or dropped
    FakeEnd* other{nullptr};           //!< the peer's end
    Ptr<Node> node;                    //!< owns the CryptoAgent
    Ptr<CryptoAgent> agent;            //!< this end's CPU
    Ptr<ChangeExchange> exchange;      //!< the exchange under test

  private:
    /// \param event what happened
    void Log(const std::string& event)
    {
        m_log.push_back({Simulator::Now(), name, event});
    }

    /// \param message put on the channel to the peer (unless dropped or captured)
    void Send(Ptr<Packet> message)
    {
        if (capture || drop > 0)
        {
            drop = std::max(drop - 1, 0);
            captured.push_back(message);
            return;
        }
        IpAddress from = local;
        uint16_t fromPort = port;
        FakeEnd* to = other;
        Simulator::Schedule(ONE_WAY, [to, message, from, fromPort]() {
            to->Deliver(message, from, fromPort);
        });
    }

    std::vector<LogEntry>& m_log; //!< the shared event log
};

/// Rejections and failures seen on one exchange's traces.
struct TraceLog
{
    std::vector<ChangeRejectReason> rejects; //!< Rejected, in order
    std::vector<ChangeFailReason> failures;  //!< Failed, in order
    std::vector<Time> failureTimes;          //!< when

    /// \param exchange the exchange to watch
    void Watch(Ptr<ChangeExchange> exchange)
    {
        exchange->TraceConnectWithoutContext("Rejected", MakeCallback(&TraceLog::Rejected, this));
        exchange->TraceConnectWithoutContext("Failed", MakeCallback(&TraceLog::Failed, this));
    }

    /**
     * \param type ignored
     * \param reason recorded
     */
    void Rejected(MobilityControlHeader::MessageType type, ChangeRejectReason reason)
    {
        rejects.push_back(reason);
    }

    /**
     * \param sequence ignored
     * \param reason recorded
     */
    void Failed(uint32_t sequence, ChangeFailReason reason)
    {
        failures.push_back(reason);
        failureTimes.push_back(Simulator::Now());
    }
};

/**
 * Two ends, A (the mover, port 49153) and B (the responder, port 5001),
 * joined by the channel, with the authenticator of one message family.
 */
struct Pair : public NsFixture
{
    /// \param signatures AddChange signed with Ed25519 (else RedirectRequest with HMAC)
    explicit Pair(bool signatures)
        : signatures(signatures),
          a("A", A_OLD, 49153, B_ADDR, log),
          b("B", B_ADDR, 5001, A_OLD, log)
    {
        a.other = &b;
        b.other = &a;
        for (FakeEnd* end : {&a, &b})
        {
            end->exchange->SetMessageType(signatures ? MobilityControlHeader::ADD_CHANGE
                                                     : MobilityControlHeader::REDIRECT_REQUEST);
            end->exchange->SetAuthenticator(MakeAuthenticator(*end, end == &a));
        }
        aTraces.Watch(a.exchange);
        bTraces.Watch(b.exchange);
    }

    /**
     * \param end the end
     * \param isA whether it is A
     * \return a working authenticator for it
     */
    Ptr<ChangeAuthenticator> MakeAuthenticator(FakeEnd& end, bool isA) const
    {
        if (signatures)
        {
            auto authenticator = Create<SignatureAuthenticator>(end.agent);
            authenticator->SetLocalKeyPair(KeysFrom(isA ? 1 : 2));
            authenticator->SetPeerPublicKey(KeysFrom(isA ? 2 : 1).publicKey);
            return authenticator;
        }
        auto authenticator = Create<MacAuthenticator>(end.agent);
        SymmetricKey secret;
        secret.fill(7);
        authenticator->SetSecret(secret);
        return authenticator;
    }

    /// \return the CPU time of authenticating a message
    Time AuthenticateTime() const
    {
        return signatures ? NanoSeconds(460265) : NanoSeconds(7500);
    }

    /// \return the CPU time of checking a message
    Time CheckTime() const
    {
        return signatures ? NanoSeconds(812627) : NanoSeconds(7500);
    }

    /// \return the update message type
    MobilityControlHeader::MessageType UpdateType() const
    {
        return a.exchange->GetUpdateType();
    }

    /// \return the confirmation message type
    MobilityControlHeader::MessageType ConfirmType() const
    {
        return MobilityControlHeader::GetConfirmType(UpdateType());
    }

    /// \param at when A moves to A_NEW and announces it
    void MoveAAt(Time at)
    {
        Simulator::Schedule(at, [this]() { BOOST_TEST(a.Move(A_NEW)); });
    }

    /// \param until when to stop
    void Run(Time until)
    {
        Simulator::Stop(until);
        Simulator::Run();
    }

    /**
     * \brief B was left as it was, and A's change did not complete.
     * \param bPeer the peer address B had before
     */
    void CheckNothingChanged(Ipv4Address bPeer = A_OLD) const
    {
        BOOST_TEST(b.peer == bPeer);
        BOOST_TEST(b.Count("moved-peer") == 0);
        BOOST_TEST(b.Count("confirm-sent") == 0);
        BOOST_TEST(b.Count("completed") == 0);
        BOOST_TEST(b.exchange->GetCounters().accepted == 0u);
        BOOST_TEST(b.exchange->GetLastAcceptedSequence() == 0u);
        BOOST_TEST(a.Count("completed") == 0);
        BOOST_TEST(a.exchange->GetCounters().confirmed == 0u);
        BOOST_TEST(a.exchange->GetAddressKnownToPeer() == A_OLD);
    }

    bool signatures;           //!< the message family
    std::vector<LogEntry> log; //!< both ends' events
    FakeEnd a;                 //!< the mover
    FakeEnd b;                 //!< the responder
    TraceLog aTraces;          //!< A's rejections and failures
    TraceLog bTraces;          //!< B's rejections and failures
};

/// Both message families: Ed25519 AddChange, HMAC RedirectRequest.
const auto FAMILIES = bdata::make({true, false});

} // namespace change_exchange_test

using namespace change_exchange_test;

BOOST_AUTO_TEST_SUITE(exchange)

BOOST_DATA_TEST_CASE(round_trip_timing_and_counters, FAMILIES, signatures)
{
    Pair p(signatures);
    p.MoveAAt(Seconds(1));
    p.Run(Seconds(10));

    const Time auth = p.AuthenticateTime();
    const Time check = p.CheckTime();
    BOOST_TEST(p.a.First("update-sent") == Seconds(1) + auth);
    BOOST_TEST(p.b.First("moved-peer") == Seconds(1) + auth + ONE_WAY + check);
    BOOST_TEST(p.b.First("confirm-sent") == Seconds(1) + 2 * auth + ONE_WAY + check);
    BOOST_TEST(p.a.First("completed") == Seconds(1) + 2 * (auth + ONE_WAY + check));

    BOOST_TEST(p.b.peer == A_NEW);
    BOOST_TEST(p.b.peerPort == 49153);
    BOOST_TEST(p.a.exchange->GetAddressKnownToPeer() == A_NEW);
    BOOST_TEST(!p.a.exchange->IsPending());
    const ChangeExchange::Counters& ac = p.a.exchange->GetCounters();
    const ChangeExchange::Counters& bc = p.b.exchange->GetCounters();
    BOOST_TEST(ac.announced == 1u);
    BOOST_TEST(ac.transmissions == 1u);
    BOOST_TEST(ac.confirmed == 1u);
    BOOST_TEST(ac.failed == 0u);
    BOOST_TEST(bc.accepted == 1u);
    BOOST_TEST(bc.GetRejects() == 0u);
    BOOST_TEST(ac.GetRejects() == 0u);
    BOOST_TEST(p.b.exchange->GetLastAcceptedSequence() == 1u);
    // One authentication and one check at each end.
    auto op = signatures ? CryptoAgent::SIGN : CryptoAgent::MAC;
    BOOST_TEST(p.a.agent->GetCount(op) == (signatures ? 1u : 2u));
    BOOST_TEST(p.b.agent->GetCount(op) == (signatures ? 1u : 2u));
}

BOOST_DATA_TEST_CASE(the_responder_answers_before_it_resumes,
                     FAMILIES* bdata::make({true, false}),
                     signatures,
                     resetTimer)
{
    // The paper's ordering rule: the responder sends its answer, then resumes;
    // the mover resumes only on the authentic answer.
    Pair p(signatures);
    p.a.exchange->SetResetTimer(resetTimer);
    p.b.exchange->SetResetTimer(resetTimer);
    p.MoveAAt(Seconds(1));
    p.Run(Seconds(10));

    std::vector<std::string> order;
    for (const LogEntry& e : p.log)
    {
        order.push_back(e.end + " " + e.event);
    }
    const std::string done = resetTimer ? "completed" : "completed-no-restart";
    const std::vector<std::string> expected = {"A update-sent",
                                               "B moved-peer",
                                               "B confirm-sent",
                                               "B " + done,
                                               "A " + done};
    BOOST_TEST(order == expected, boost::test_tools::per_element());
    BOOST_TEST(p.b.First(done) == p.b.First("confirm-sent"));
}

BOOST_DATA_TEST_CASE(lost_update_is_retransmitted_on_the_transport_schedule, FAMILIES, signatures)
{
    Pair p(signatures);
    p.a.drop = 2; // the first two transmissions are lost
    std::vector<Time> sent;
    p.a.exchange->TraceConnectWithoutContext(
        "UpdateSent",
        MakeBoundCallback(
            +[](std::vector<Time>* sent, const AddressUpdateHeader&) {
                sent->push_back(Simulator::Now());
            },
            &sent));
    p.MoveAAt(Seconds(1));
    p.Run(Seconds(20));

    const Time first = Seconds(1) + p.AuthenticateTime();
    const std::vector<Time> expected = {first, first + Seconds(1), first + Seconds(3)};
    BOOST_TEST(sent == expected, boost::test_tools::per_element());
    BOOST_TEST(p.a.exchange->GetCounters().transmissions == 3u);
    BOOST_TEST(p.a.exchange->GetCounters().confirmed == 1u);
    BOOST_TEST(p.b.Count("moved-peer") == 1);
    BOOST_TEST(p.b.peer == A_NEW);
    // All transmissions carry the same update (one sequence number).
    BOOST_TEST(p.a.exchange->GetCounters().announced == 1u);
}

BOOST_DATA_TEST_CASE(unconfirmed_change_fails_after_the_last_retransmission, FAMILIES, signatures)
{
    Pair p(signatures);
    p.a.drop = 1000;
    p.MoveAAt(Seconds(1));
    p.Run(Seconds(30));

    BOOST_TEST(p.a.exchange->GetCounters().transmissions == 3u); // 1 + GetMaxRetransmissions()
    BOOST_REQUIRE(p.aTraces.failures.size() == 1u);
    BOOST_TEST(p.aTraces.failures[0] == ChangeFailReason::NOT_CONFIRMED);
    // Given up when the last timeout (4 s) expires: 1 + 2 + 4 s after the first transmission.
    BOOST_TEST(p.aTraces.failureTimes[0] == Seconds(1) + p.AuthenticateTime() + Seconds(7));
    BOOST_TEST(!p.a.exchange->IsPending());
    BOOST_TEST(p.a.exchange->GetCounters().failed == 1u);
    p.CheckNothingChanged();
}

BOOST_DATA_TEST_CASE(lost_answer_is_repeated_from_the_cache, FAMILIES, signatures)
{
    Pair p(signatures);
    p.b.drop = 1; // B's first answer is lost
    p.MoveAAt(Seconds(1));
    p.Run(Seconds(10));

    BOOST_TEST(p.a.exchange->GetCounters().transmissions == 2u);
    BOOST_TEST(p.a.exchange->GetCounters().confirmed == 1u);
    BOOST_TEST(p.b.Count("confirm-sent") == 2);
    // The retransmission is answered again, not applied again, nor authenticated again.
    BOOST_TEST(p.b.Count("moved-peer") == 1);
    BOOST_TEST(p.b.Count("completed") == 1);
    BOOST_TEST(p.b.exchange->GetCounters().accepted == 1u);
    BOOST_TEST(p.b.exchange->GetCounters().GetRejects() == 0u);
    auto op = signatures ? CryptoAgent::SIGN : CryptoAgent::MAC;
    BOOST_TEST(p.b.agent->GetCount(op) == (signatures ? 1u : 2u));
    // The repeated answer leaves at once: one way after the retransmission.
    BOOST_TEST(p.a.First("completed") ==
               Seconds(1) + p.AuthenticateTime() + Seconds(1) + 2 * ONE_WAY + p.CheckTime());
}

BOOST_DATA_TEST_CASE(a_repeat_through_a_self_retransmitting_transport_is_a_replay,
                     FAMILIES,
                     signatures)
{
    // SIP's transactions deliver each INFO once: the same update again is a replay.
    Pair p(signatures);
    p.b.retransmitsItself = true;
    p.a.capture = true;
    p.MoveAAt(Seconds(1));
    Simulator::Schedule(Seconds(2), [&p]() { p.b.Deliver(p.a.captured.at(0), A_NEW, 49153); });
    Simulator::Schedule(Seconds(3), [&p]() { p.b.Deliver(p.a.captured.at(0), A_NEW, 49153); });
    p.Run(Seconds(4));

    BOOST_TEST(p.b.Count("moved-peer") == 1);
    BOOST_TEST(p.b.Count("confirm-sent") == 1);
    BOOST_TEST(p.bTraces.rejects == std::vector<ChangeRejectReason>{ChangeRejectReason::REPLAYED},
               boost::test_tools::per_element());
}

BOOST_DATA_TEST_CASE(a_copy_arriving_during_authentication_is_ignored, FAMILIES, signatures)
{
    Pair p(signatures);
    p.a.capture = true;
    p.MoveAAt(Seconds(1));
    Simulator::Schedule(Seconds(2), [&p]() {
        p.b.Deliver(p.a.captured.at(0), A_NEW, 49153);
        p.b.Deliver(p.a.captured.at(0), A_NEW, 49153); // while the first is being checked
    });
    p.Run(Seconds(3));

    BOOST_TEST(p.b.Count("moved-peer") == 1);
    BOOST_TEST(p.b.Count("confirm-sent") == 1);
    BOOST_TEST(p.b.exchange->GetCounters().GetRejects() == 0u);
    auto op = signatures ? CryptoAgent::VERIFY : CryptoAgent::MAC;
    BOOST_TEST(p.b.agent->GetCount(op) == (signatures ? 1u : 2u)); // checked once
}

BOOST_DATA_TEST_CASE(a_newer_announcement_replaces_an_unconfirmed_one, FAMILIES, signatures)
{
    const Ipv4Address third("10.1.3.2");
    Pair p(signatures);
    p.MoveAAt(Seconds(1));
    // A moves again before its first update has even left (it is being authenticated).
    Simulator::Schedule(Seconds(1) + MicroSeconds(5), [&p, third]() { p.a.Move(third); });
    p.Run(Seconds(10));

    BOOST_TEST(p.a.exchange->GetCounters().announced == 2u);
    BOOST_TEST(p.a.exchange->GetCounters().transmissions == 1u);
    BOOST_TEST(p.a.exchange->GetCounters().confirmed == 1u);
    BOOST_TEST(p.b.exchange->GetLastAcceptedSequence() == 2u);
    BOOST_TEST(p.b.peer == third);
    BOOST_TEST(p.a.exchange->GetAddressKnownToPeer() == third);
}

BOOST_DATA_TEST_CASE(both_ends_moving_at_once_both_complete, FAMILIES, signatures)
{
    // The exchange itself lets updates cross; whether they can meet is the
    // transport's business (in band they cannot: wired-handover-test).
    Pair p(signatures);
    p.MoveAAt(Seconds(1));
    Simulator::Schedule(Seconds(1), [&p]() { BOOST_TEST(p.b.Move(B_NEW)); });
    p.Run(Seconds(10));

    BOOST_TEST(p.a.peer == B_NEW);
    BOOST_TEST(p.b.peer == A_NEW);
    BOOST_TEST(p.a.exchange->GetCounters().confirmed == 1u);
    BOOST_TEST(p.b.exchange->GetCounters().confirmed == 1u);
    BOOST_TEST(p.a.exchange->GetCounters().accepted == 1u);
    BOOST_TEST(p.b.exchange->GetCounters().accepted == 1u);
    BOOST_TEST(p.aTraces.rejects.empty());
    BOOST_TEST(p.bTraces.rejects.empty());
}

/// The ways a received message is rejected.
enum class Attack
{
    INACTIVE,
    WRONG_TOKEN,
    OLD_SEQUENCE,
    SPOOFED_ORIGIN,
    WRONG_OLD_ADDRESS,
    TAMPERED,
    RESPONDER_WITHOUT_KEY,
    RESPONDER_REFUSES,
    TRUNCATED,
    UNSOLICITED_CONFIRM,
    WRONG_CONFIRM_ADDRESS,
};

/// Each attack and the reason it must be rejected for.
const std::vector<std::pair<Attack, ChangeRejectReason>> ATTACKS = {
    {Attack::INACTIVE, ChangeRejectReason::NOT_ACTIVE},
    {Attack::WRONG_TOKEN, ChangeRejectReason::WRONG_TOKEN},
    {Attack::OLD_SEQUENCE, ChangeRejectReason::REPLAYED},
    {Attack::SPOOFED_ORIGIN, ChangeRejectReason::ADDRESS_MISMATCH},
    {Attack::WRONG_OLD_ADDRESS, ChangeRejectReason::ADDRESS_MISMATCH},
    {Attack::TAMPERED, ChangeRejectReason::BAD_AUTHENTICATOR},
    {Attack::RESPONDER_WITHOUT_KEY, ChangeRejectReason::NO_KEY},
    {Attack::RESPONDER_REFUSES, ChangeRejectReason::UPDATE_REFUSED},
    {Attack::TRUNCATED, ChangeRejectReason::MALFORMED},
    {Attack::UNSOLICITED_CONFIRM, ChangeRejectReason::UNEXPECTED},
    {Attack::WRONG_CONFIRM_ADDRESS, ChangeRejectReason::ADDRESS_MISMATCH},
};

/// B's idea of A's address in Attack::WRONG_OLD_ADDRESS.
const Ipv4Address WRONG_OLD("10.1.9.2");

/**
 * \param p the pair; A's update is captured (not sent)
 * \param attack what to deliver, or what to change first
 * \return the end that must reject it
 */
FakeEnd&
Launch(Pair& p, Attack attack)
{
    Ptr<Packet> update = p.a.captured.at(0);
    switch (attack)
    {
    case Attack::INACTIVE:
        p.b.active = false;
        break;
    case Attack::WRONG_TOKEN:
        p.b.token = 99;
        break;
    case Attack::SPOOFED_ORIGIN:
        p.b.Deliver(update, Ipv4Address("10.9.9.9"), 49153);
        return p.b;
    case Attack::WRONG_OLD_ADDRESS:
        p.b.peer = WRONG_OLD;
        break;
    case Attack::TAMPERED: {
        // Redirect the connection elsewhere, keeping the original authenticator.
        auto header = AddressUpdateHeader::Create(p.UpdateType());
        update->PeekHeader(*header);
        header->SetNewAddress(Ipv4Address("10.6.6.6"));
        p.b.Deliver(header->ToPacket(), Ipv4Address("10.6.6.6"), 49153);
        return p.b;
    }
    case Attack::RESPONDER_WITHOUT_KEY:
        if (p.signatures)
        {
            p.b.exchange->SetAuthenticator(Create<SignatureAuthenticator>(p.b.agent));
        }
        else
        {
            p.b.exchange->SetAuthenticator(Create<MacAuthenticator>(p.b.agent));
        }
        break;
    case Attack::RESPONDER_REFUSES:
        p.b.refuseMove = true;
        break;
    case Attack::TRUNCATED:
        update = update->CreateFragment(0, update->GetSize() - 3);
        break;
    case Attack::UNSOLICITED_CONFIRM:
    case Attack::WRONG_CONFIRM_ADDRESS: {
        // B "confirms" something A never announced, or another address than A's.
        auto confirm = AddressConfirmHeader::Create(p.ConfirmType());
        confirm->SetToken(p.a.token);
        bool unsolicited = attack == Attack::UNSOLICITED_CONFIRM;
        confirm->SetSequence(unsolicited ? 5 : 1);
        confirm->SetNewAddress(unsolicited ? A_NEW : Ipv4Address("10.6.6.6"));
        confirm->SetNewPort(49153);
        p.b.exchange->GetAuthenticator()->Authenticate(*confirm);
        p.a.Deliver(confirm->ToPacket(), B_ADDR, 5001);
        return p.a;
    }
    case Attack::OLD_SEQUENCE:
        break; // below
    }
    if (attack == Attack::OLD_SEQUENCE)
    {
        // Sequence 1 is accepted, then a copy of it arrives after sequence 2 was.
        p.b.Deliver(update, A_NEW, 49153);
        Simulator::Schedule(Seconds(1), [&p]() {
            p.a.capture = false;
            p.a.Move(Ipv4Address("10.1.3.2"));
        });
        Simulator::Schedule(Seconds(2), [&p, update]() { p.b.Deliver(update, A_NEW, 49153); });
        return p.b;
    }
    p.b.Deliver(update, A_NEW, 49153);
    return p.b;
}

BOOST_DATA_TEST_CASE(rejected_messages_change_nothing,
                     FAMILIES* bdata::xrange(ATTACKS.size()),
                     signatures,
                     i)
{
    const auto [attack, reason] = ATTACKS[i];
    BOOST_TEST_CONTEXT("attack " << i << ", expected " << reason)
    {
        Pair p(signatures);
        p.a.capture = true;
        p.MoveAAt(Seconds(1));
        FakeEnd* target = nullptr;
        Simulator::Schedule(Seconds(2), [&]() { target = &Launch(p, attack); });
        p.Run(Seconds(5));

        BOOST_REQUIRE(target);
        const TraceLog& traces = target == &p.b ? p.bTraces : p.aTraces;
        BOOST_TEST(traces.rejects == std::vector<ChangeRejectReason>{reason},
                   boost::test_tools::per_element());
        BOOST_TEST(target->exchange->GetCounters().GetRejects(reason) == 1u);
        BOOST_TEST(target->exchange->GetCounters().GetRejects() == 1u);
        if (attack == Attack::OLD_SEQUENCE)
        {
            // Only the second, genuine change took effect.
            BOOST_TEST(p.b.peer == Ipv4Address("10.1.3.2"));
            BOOST_TEST(p.b.exchange->GetLastAcceptedSequence() == 2u);
        }
        else
        {
            p.CheckNothingChanged(attack == Attack::WRONG_OLD_ADDRESS ? WRONG_OLD : A_OLD);
            BOOST_TEST(p.a.exchange->IsPending()); // A keeps waiting for a genuine answer
        }
    }
}

BOOST_AUTO_TEST_CASE(signatures_without_the_peer_key_need_a_verifier)
{
    Pair p(true);
    auto authenticator = Create<SignatureAuthenticator>(p.b.agent);
    authenticator->SetLocalKeyPair(KeysFrom(2)); // but not A's public key, and no verifier
    p.b.exchange->SetAuthenticator(authenticator);
    p.MoveAAt(Seconds(1));
    p.Run(Seconds(1.5));
    BOOST_TEST(p.bTraces.rejects ==
                   std::vector<ChangeRejectReason>{ChangeRejectReason::NO_VERIFIER},
               boost::test_tools::per_element());

    // The application's verdict stands in for the key (the paper's updateTCB path).
    int asked = 0;
    authenticator->SetVerifier(MobilityControlHeader::ADD_CHANGE,
                               MakeCallback(+[](int* n, const MobilityControlHeader& m) {
                                   ++*n;
                                   return m.GetToken() == 0x1234abcd;
                               }).Bind(&asked));
    p.Run(Seconds(5)); // A's retransmission at 2 s
    BOOST_TEST(asked == 1);
    BOOST_TEST(p.b.peer == A_NEW);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(misuse, NsFixture)

BOOST_AUTO_TEST_CASE(announce_without_a_connection_or_a_key_fails_clearly)
{
    std::vector<LogEntry> log;
    FakeEnd end("A", A_OLD, 49153, B_ADDR, log);
    TraceLog traces;
    traces.Watch(end.exchange);

    // No authenticator yet.
    BOOST_TEST(!end.exchange->Announce());
    // An authenticator that cannot authenticate (no secret).
    end.exchange->SetMessageType(MobilityControlHeader::REDIRECT_REQUEST);
    end.exchange->SetAuthenticator(Create<MacAuthenticator>(end.agent));
    BOOST_TEST(!end.exchange->Announce());
    // The connection is gone.
    end.active = false;
    BOOST_TEST(!end.exchange->Announce());
    const std::vector<ChangeFailReason> expected = {ChangeFailReason::NO_KEY,
                                                    ChangeFailReason::NO_KEY,
                                                    ChangeFailReason::NO_CONNECTION};
    BOOST_TEST(traces.failures == expected, boost::test_tools::per_element());
    BOOST_TEST(!end.exchange->IsPending());
    BOOST_TEST(end.exchange->GetCounters().announced == 0u);
    BOOST_TEST(end.exchange->GetCounters().failed == 3u);
    Simulator::Run();
    BOOST_TEST(end.Count("update-sent") == 0);
}

BOOST_AUTO_TEST_CASE(foreign_messages_are_left_to_the_caller)
{
    std::vector<LogEntry> log;
    FakeEnd end("B", B_ADDR, 5001, A_OLD, log);
    ChangeExchange::Origin origin;
    // A RedirectRequest is not for an AddChange exchange, nor are random bytes.
    auto redirect = AddressUpdateHeader::Create(MobilityControlHeader::REDIRECT_REQUEST);
    redirect->SetToken(end.token);
    BOOST_TEST(!end.exchange->Receive(redirect->ToPacket(), origin));
    uint8_t junk[3] = {1, 2, 3};
    BOOST_TEST(!end.exchange->Receive(Create<Packet>(junk, sizeof(junk)), origin));
    BOOST_TEST(end.exchange->GetCounters().GetRejects() == 0u);
    // Nothing pending: giving up changes nothing.
    end.exchange->FailPending(ChangeFailReason::TRANSPORT_TIMEOUT);
    BOOST_TEST(end.exchange->GetCounters().failed == 0u);
}

BOOST_AUTO_TEST_CASE(wrong_configuration_stops_with_a_message)
{
    ChildOutcome confirmType = RunInChild([]() {
        CreateObject<ChangeExchange>()->SetMessageType(MobilityControlHeader::ADD_CONFIRM);
    });
    BOOST_TEST(confirmType.stopped);
    BOOST_TEST(confirmType.stderrText.find("is not an update") != std::string::npos);

    ChildOutcome noTransport = RunInChild([]() {
        std::vector<LogEntry> log;
        FakeEnd end("A", A_OLD, 49153, B_ADDR, log);
        end.exchange->SetTransport(nullptr);
        end.exchange->Announce();
    });
    BOOST_TEST(noTransport.stopped);
    BOOST_TEST(noTransport.stderrText.find("no transport") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(counters_add_up)
{
    ChangeExchange::Counters x;
    x.announced = 1;
    x.rejects[static_cast<std::size_t>(ChangeRejectReason::REPLAYED)] = 2;
    ChangeExchange::Counters y;
    y.announced = 3;
    y.confirmed = 1;
    y.rejects[static_cast<std::size_t>(ChangeRejectReason::MALFORMED)] = 4;
    x += y;
    BOOST_TEST(x.announced == 4u);
    BOOST_TEST(x.confirmed == 1u);
    BOOST_TEST(x.GetRejects(ChangeRejectReason::REPLAYED) == 2u);
    BOOST_TEST(x.GetRejects(ChangeRejectReason::MALFORMED) == 4u);
    BOOST_TEST(x.GetRejects() == 6u);
}

BOOST_AUTO_TEST_SUITE_END()
