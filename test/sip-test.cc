/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * The SIP part of the paper (its Figure 1) on the wired test bed (MH - R -
 * CH, 10 Mb/s, 5 ms per link): SipMessage built and parsed by GNU oSIP, the
 * RFC 3261 transactions, registration and call set-up through a SipProxy on
 * the router (the SDP carries the public keys), the INFO update in Direct
 * and ViaProxy mode with its delay checked against the analytic value, a
 * lost INFO retransmitted on the T1 schedule, both ends moving at once, and
 * forged and replayed INFOs. The same procedure over IPv6 on the wired IPv6
 * test bed (ipv6-test-bed.h), with the IPv6 text forms (bracketed hosts in
 * URIs and Via, "IN IP6" in the SDP) and malformed IPv6 text refused.
 */

#define BOOST_TEST_MODULE sip
#include "ipv6-test-bed.h"
#include "mobisocket-test-support.h"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <map>

using namespace ns3;
namespace bdata = boost::unit_test::data;

namespace
{

const std::string MH_AOR = "sip:mh@mobisocket.test"; //!< MH's address of record
const std::string CH_AOR = "sip:ch@mobisocket.test"; //!< CH's address of record

/// Link parameters of the test bed.
const double LINK_RATE = 10e6;           //!< bit/s
const Time LINK_DELAY = MilliSeconds(5); //!< one way, per link
/// Bytes a datagram's UDP payload gains on a point-to-point link (UDP, IPv4, PPP).
const uint32_t WIRE_OVERHEAD = 8 + 20 + 2;

/**
 * \param payload UDP payload bytes
 * \return the time one link takes to carry it (transmission and propagation)
 */
Time
Hop(uint32_t payload)
{
    return LINK_DELAY + Seconds((payload + WIRE_OVERHEAD) * 8.0 / LINK_RATE);
}

/// One SIP message seen on a trace.
struct Seen
{
    Time time;         //!< when
    std::string label; //!< "INFO", "200 REGISTER", ...
    uint32_t bytes;    //!< UDP payload size
    std::string text;  //!< the message
    std::string type;  //!< its Content-Type
};

/// Records SIP messages from a MessageSent / MessageReceived / Retransmission trace.
struct MessageLog
{
    std::vector<Seen> seen; //!< in order

    /**
     * \param message the message
     * \param bytes its size
     */
    void Add(const SipMessage& message, uint32_t bytes)
    {
        seen.push_back({Simulator::Now(),
                        message.GetLabel(),
                        bytes,
                        message.ToString(),
                        message.GetContentType()});
    }

    /**
     * \param label a label
     * \param after only messages at or after this time
     * \return how many carry it
     */
    int Count(const std::string& label, Time after = Seconds(0)) const
    {
        int n = 0;
        for (const Seen& s : seen)
        {
            n += s.label == label && s.time >= after;
        }
        return n;
    }

    /**
     * \param label a label
     * \param after only messages at or after this time
     * \return the first such message (BOOST_REQUIRE that there is one)
     */
    const Seen& First(const std::string& label, Time after = Seconds(0)) const
    {
        for (const Seen& s : seen)
        {
            if (s.label == label && s.time >= after)
            {
                return s;
            }
        }
        BOOST_FAIL("no " << label << " after " << after.As(Time::S));
        return seen.front();
    }
};

/// Counts trace events.
struct Events
{
    int count{0};               //!< events seen
    Time last;                  //!< time of the last one
    Time delay;                 //!< confirmation delay since the move
    const Time* since{nullptr}; //!< when the host moved (for the delay)
    std::vector<int> codes;     //!< reasons or status codes

    /// Count an event.
    void Hit()
    {
        ++count;
        last = Simulator::Now();
    }

    /// \param h ignored
    void Change(const AddressUpdateHeader& h)
    {
        Hit();
    }

    /// \param h ignored (the delay is counted from the move)
    void Confirmed(const AddressConfirmHeader& h)
    {
        Hit();
        delay = since ? Simulator::Now() - *since : Time();
    }

    /**
     * \param sequence ignored
     * \param failure why
     */
    void Failed(uint32_t sequence, ChangeFailReason failure)
    {
        Hit();
        codes.push_back(int(failure));
    }

    /**
     * \param type ignored
     * \param reason why
     */
    void Rejected(MobilityControlHeader::MessageType type, ChangeRejectReason reason)
    {
        Hit();
        codes.push_back(int(reason));
    }

    /// \param status the final status
    void CallFailed(int status)
    {
        Hit();
        codes.push_back(status);
    }

    /**
     * \param a ignored
     * \param b ignored
     */
    void Session(const std::string& a, const std::string& b)
    {
        Hit();
    }

    /**
     * \param a ignored
     * \param t ignored
     */
    void Registered(const std::string& a, Time t)
    {
        Hit();
    }
};

/**
 * \brief The wired test bed with a SIP user agent on each host and a SIP
 *        proxy on the router. Both register at 10 ms, MH calls CH at 50 ms,
 *        the TCP connection starts at 100 ms and is handed to both user
 *        agents once connected; every address change of a host is passed to
 *        its user agent.
 */
class SipBed
{
  public:
    /**
     * \param config the wired run
     * \param mode the update mode of both user agents
     */
    SipBed(const WiredRunConfig& config, SipUserAgent::UpdateMode mode)
        : run(config)
    {
        proxy = CreateObject<SipProxy>();
        run.topology.GetRouter()->AddApplication(proxy);
        mhUa = CreateUa(WiredHandoverTopology::MH, MH_AOR, mode, run.mhKeys);
        chUa = CreateUa(WiredHandoverTopology::CH, CH_AOR, mode, run.chKeys);
        Simulator::Schedule(MilliSeconds(10), [this]() {
            mhUa->Register();
            chUa->Register();
        });
        Simulator::Schedule(MilliSeconds(50), [this]() { mhUa->Call(CH_AOR); });
        run.mhApp->TraceConnectWithoutContext("Connected",
                                              MakeCallback(&SipBed::MhConnected, this));
        run.chApp->TraceConnectWithoutContext("Connected",
                                              MakeCallback(&SipBed::ChConnected, this));
        run.topology.SetAddressChangeCallback(MakeCallback(&SipBed::Moved, this));
        for (auto& [ua, log] : {std::make_pair(mhUa, &mhSent), std::make_pair(chUa, &chSent)})
        {
            ua->TraceConnectWithoutContext("MessageSent", MakeCallback(&MessageLog::Add, log));
        }
        mhUa->TraceConnectWithoutContext("Retransmission",
                                         MakeCallback(&MessageLog::Add, &mhRetransmitted));
        chUa->TraceConnectWithoutContext("Retransmission",
                                         MakeCallback(&MessageLog::Add, &chRetransmitted));
        proxy->TraceConnectWithoutContext("MessageSent",
                                          MakeCallback(&MessageLog::Add, &proxySent));
        mhConfirmed.since = &movedAt[WiredHandoverTopology::MH];
        chConfirmed.since = &movedAt[WiredHandoverTopology::CH];
        mhUa->GetExchange()->TraceConnectWithoutContext(
            "ConfirmAccepted",
            MakeCallback(&Events::Confirmed, &mhConfirmed));
        chUa->GetExchange()->TraceConnectWithoutContext(
            "ConfirmAccepted",
            MakeCallback(&Events::Confirmed, &chConfirmed));
        chUa->GetExchange()->TraceConnectWithoutContext("UpdateAccepted",
                                                        MakeCallback(&Events::Change, &chUpdated));
        mhUa->GetExchange()->TraceConnectWithoutContext("UpdateAccepted",
                                                        MakeCallback(&Events::Change, &mhUpdated));
        mhUa->GetExchange()->TraceConnectWithoutContext("Failed",
                                                        MakeCallback(&Events::Failed, &mhFailed));
        chUa->GetExchange()->TraceConnectWithoutContext("Failed",
                                                        MakeCallback(&Events::Failed, &chFailed));
        mhUa->TraceConnectWithoutContext("MessageRejected",
                                         MakeCallback(&Events::Rejected, &mhRejected));
        chUa->TraceConnectWithoutContext("MessageRejected",
                                         MakeCallback(&Events::Rejected, &chRejected));
    }

    WiredRun run;                       //!< topology, MobiSockets, checked streams
    Ptr<SipProxy> proxy;                //!< on the router
    Ptr<SipUserAgent> mhUa;             //!< on MH
    Ptr<SipUserAgent> chUa;             //!< on CH
    bool giveChSocket{true};            //!< hand CH's socket to its user agent
    std::map<uint32_t, Time> movedAt;   //!< address change time per host
    MessageLog mhSent;                  //!< MH's user agent
    MessageLog chSent;                  //!< CH's user agent
    MessageLog mhRetransmitted;         //!< MH's retransmissions
    MessageLog chRetransmitted;         //!< CH's retransmissions
    MessageLog proxySent;               //!< what the proxy sent
    Events mhConfirmed;                 //!< ConfirmAccepted on MH's exchange
    Events chConfirmed;                 //!< ConfirmAccepted on CH's exchange
    Events chUpdated;                   //!< UpdateAccepted on CH's exchange
    Events mhUpdated;                   //!< UpdateAccepted on MH's exchange
    Events mhFailed;                    //!< Failed on MH's exchange
    Events chFailed;                    //!< Failed on CH's exchange
    Events mhRejected;                  //!< MessageRejected on MH's user agent
    Events chRejected;                  //!< MessageRejected on CH's user agent
    Callback<void, uint32_t> afterMove; //!< called after the user agent was told

    /// \return the sign time of a node's crypto agent
    Time Sign() const
    {
        return CryptoAgent::Get(run.topology.GetHost(WiredHandoverTopology::MH))
            ->GetDuration(CryptoAgent::SIGN);
    }

    /// \return the verify time of a node's crypto agent
    Time Verify() const
    {
        return CryptoAgent::Get(run.topology.GetHost(WiredHandoverTopology::MH))
            ->GetDuration(CryptoAgent::VERIFY);
    }

  private:
    /**
     * \param host MH or CH
     * \param aor its AOR
     * \param mode the update mode
     * \param keys its key pair
     * \return the user agent, installed
     */
    Ptr<SipUserAgent> CreateUa(WiredHandoverTopology::Host host,
                               const std::string& aor,
                               SipUserAgent::UpdateMode mode,
                               const Ed25519KeyPair& keys)
    {
        Ptr<SipUserAgent> ua = CreateObject<SipUserAgent>();
        ua->SetAttribute("Aor", StringValue(aor));
        // Each host uses the router's address on its own first link.
        ua->SetAttribute("ProxyAddress",
                         Ipv4AddressValue(Ipv4Address(run.topology.GetAddress(host, 0).Get() - 1)));
        ua->SetAttribute("UpdateMode", EnumValue(mode));
        ua->SetKeyPair(keys);
        run.topology.GetHost(host)->AddApplication(ua);
        return ua;
    }

    /// \param socket MH's connected socket
    void MhConnected(Ptr<Socket> socket)
    {
        mhUa->SetSessionSocket(DynamicCast<MobiSocket>(socket));
    }

    /// \param socket CH's accepted socket
    void ChConnected(Ptr<Socket> socket)
    {
        if (giveChSocket)
        {
            chUa->SetSessionSocket(DynamicCast<MobiSocket>(socket));
        }
    }

    /**
     * \param host the host that moved
     * \param oldAddress its old address
     * \param newAddress its new address
     */
    void Moved(uint32_t host, Ipv4Address oldAddress, Ipv4Address newAddress)
    {
        movedAt[host] = Simulator::Now();
        (host == WiredHandoverTopology::MH ? mhUa : chUa)->NotifyAddressChange(newAddress);
        if (!afterMove.IsNull())
        {
            afterMove(host);
        }
    }
};

/**
 * \param socket a connected socket
 * \return its peer's address
 */
Ipv4Address
PeerAddressOf(Ptr<MobiSocket> socket)
{
    Address peer;
    socket->GetPeerName(peer);
    return AddressOf(peer);
}

/**
 * \param text a SIP message
 * \return the value of its Content-Length header, -1 if none
 */
long
ContentLength(const std::string& text)
{
    size_t at = text.find("\r\nContent-Length:");
    return at == std::string::npos ? -1 : std::strtol(text.c_str() + at + 17, nullptr, 10);
}

/**
 * \brief Send a datagram from a node, as an attacker would.
 * \param node the node
 * \param destination where to (port 5060), IPv4 or IPv6
 * \param text the payload
 */
void
SendDatagram(Ptr<Node> node, IpAddress destination, const std::string& text)
{
    Ptr<Socket> socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    destination.IsIpv6() ? socket->Bind6() : socket->Bind();
    socket->SendTo(Create<Packet>(reinterpret_cast<const uint8_t*>(text.data()), text.size()),
                   0,
                   destination.ToSocketAddress(5060));
}

/**
 * \param text a message
 * \param part some text
 * \return true if the message contains it
 */
bool
Has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

/// \return an AddChange of a connection from 2001:db8::1 to 2001:db8::2, signed
AddChangeHeader
SignedIpv6Change()
{
    AddChangeHeader change;
    change.SetToken(0x0123456789abcdefULL);
    change.SetSequence(2);
    change.SetOldAddress(Ipv6Address("2001:db8::1"));
    change.SetNewAddress(Ipv6Address("2001:db8::2"));
    change.SetNewPort(49153);
    SignatureAuthenticator::Sign(change,
                                 CryptoAgent::Install(CreateObject<Node>()),
                                 Ed25519KeyPair::FromSeed({6}));
    return change;
}

/**
 * \brief The SIP procedure on the wired IPv6 test bed (Ipv6Run: two links
 *        per host, MobiSockets with application signalling, a checked
 *        stream each way from 2.1 s): a SipProxy on the router serving IPv6
 *        at the router's address on the MH's first link, a user agent per
 *        host registering at 2 s (after duplicate address detection), MH
 *        calling CH at 2.02 s, each connection handed to its user agent.
 *        Move(): the host's first link fails; after the outage it has left
 *        that link and its user agent is told its address on the second.
 */
class SipBed6
{
  public:
    static constexpr uint32_t MH = ipv6_bed::Ipv6Bed::MH; //!< index of the MH
    static constexpr uint32_t CH = ipv6_bed::Ipv6Bed::CH; //!< index of the CH

    /**
     * \param mode the update mode of both user agents
     * \param mhBytes pattern bytes MH sends
     * \param chBytes pattern bytes CH sends
     */
    SipBed6(SipUserAgent::UpdateMode mode, uint64_t mhBytes, uint64_t chBytes)
        : run([mhBytes, chBytes]() {
              ipv6_bed::Ipv6RunConfig config;
              config.mhSendBytes = mhBytes;
              config.chSendBytes = chBytes;
              return config;
          }())
    {
        // The proxy runs on the router and is reached at one address from
        // every link: a weak end system (RFC 1122 3.3.4.2). ns-3.48 makes IPv6
        // nodes strong by default (Ipv6::StrongEndSystemModel; 3.37 has the
        // attribute on Ipv6L3Protocol), which would drop the CH's REGISTERs.
        run.bed.router->GetObject<Ipv6>()->SetAttributeFailSafe("StrongEndSystemModel",
                                                                BooleanValue(false));
        proxy = CreateObject<SipProxy>();
        proxy->SetAttribute("Ipv6Address", Ipv6AddressValue(run.bed.gateway[MH][0]));
        proxy->TraceConnectWithoutContext("MessageSent",
                                          MakeCallback(&MessageLog::Add, &proxySent));
        run.bed.router->AddApplication(proxy);
        const std::string aors[2] = {MH_AOR, CH_AOR};
        for (uint32_t host : {MH, CH})
        {
            ua[host] = CreateObject<SipUserAgent>();
            ua[host]->SetAttribute("Aor", StringValue(aors[host]));
            ua[host]->SetAttribute("ProxyIpv6Address", Ipv6AddressValue(run.bed.gateway[MH][0]));
            ua[host]->SetAttribute("UpdateMode", EnumValue(mode));
            ua[host]->SetKeyPair(run.keys[host]);
            ua[host]->TraceConnectWithoutContext("MessageSent",
                                                 MakeCallback(&MessageLog::Add, &sent[host]));
            ua[host]->TraceConnectWithoutContext(
                "Retransmission",
                MakeCallback(&MessageLog::Add, &retransmitted[host]));
            ua[host]->TraceConnectWithoutContext("MessageRejected",
                                                 MakeCallback(&Events::Rejected, &rejected[host]));
            Ptr<ChangeExchange> exchange = ua[host]->GetExchange();
            exchange->TraceConnectWithoutContext(
                "ConfirmAccepted",
                MakeCallback(&Events::Confirmed, &confirmed[host]));
            exchange->TraceConnectWithoutContext("UpdateAccepted",
                                                 MakeCallback(&Events::Change, &updated[host]));
            exchange->TraceConnectWithoutContext("Failed",
                                                 MakeCallback(&Events::Failed, &failed[host]));
            confirmed[host].since = &movedAt[host];
            run.bed.hosts.Get(host)->AddApplication(ua[host]);
            run.app[host]->TraceConnectWithoutContext(
                "Connected",
                MakeLambdaCallback<void, Ptr<Socket>>([this, host](Ptr<Socket> socket) {
                    ua[host]->SetSessionSocket(DynamicCast<MobiSocket>(socket));
                }));
        }
        Simulator::Schedule(Seconds(2), [this]() {
            ua[MH]->Register();
            ua[CH]->Register();
        });
        Simulator::Schedule(Seconds(2.02), [this]() { ua[MH]->Call(CH_AOR); });
    }

    /**
     * \brief Move a host at a time (see the class description).
     * \param host MH or CH
     * \param at when its first link fails
     * \param outage how long it has no link
     */
    void Move(uint32_t host, Time at, Time outage)
    {
        Simulator::Schedule(at, [this, host]() { run.bed.SetLinkUp(host, 0, false); });
        Simulator::Schedule(at + outage, [this, host]() {
            run.bed.LeaveFirstLink(host);
            movedAt[host] = Simulator::Now();
            ua[host]->NotifyAddressChange(run.bed.address[host][1]);
        });
    }

    ipv6_bed::Ipv6Run run;            //!< the IPv6 network and its checked connection
    Ptr<SipProxy> proxy;              //!< on the router
    Ptr<SipUserAgent> ua[2];          //!< [host] its user agent
    MessageLog sent[2];               //!< [host] what its user agent sent
    MessageLog retransmitted[2];      //!< [host] its retransmissions
    MessageLog proxySent;             //!< what the proxy sent
    Events confirmed[2];              //!< [host] ConfirmAccepted on its exchange
    Events updated[2];                //!< [host] UpdateAccepted on its exchange
    Events failed[2];                 //!< [host] Failed on its exchange
    Events rejected[2];               //!< [host] MessageRejected on its user agent
    std::map<uint32_t, Time> movedAt; //!< address change time per host
};

} // namespace

// ---------------------------------------------------------------------------

BOOST_FIXTURE_TEST_SUITE(messages, NsFixture)

BOOST_AUTO_TEST_CASE(register_round_trip)
{
    SipMessage reg = SipMessage::CreateRequest("REGISTER", "sip:mobisocket.test");
    BOOST_REQUIRE(reg.IsValid());
    BOOST_TEST(reg.PushVia("10.1.1.2", 5060, "z9hG4bKreg1"));
    BOOST_TEST(reg.SetFrom(MH_AOR, "abc"));
    BOOST_TEST(reg.SetTo(MH_AOR));
    BOOST_TEST(reg.SetCallId("reg-1@10.1.1.2"));
    BOOST_TEST(reg.SetCSeq(7, "REGISTER"));
    BOOST_TEST(reg.SetContact("sip:mh@10.1.1.2:5060", 3600));
    BOOST_TEST(reg.SetExpires(3600));
    std::string text = reg.ToString();
    BOOST_TEST(text.rfind("REGISTER sip:mobisocket.test SIP/2.0\r\n", 0) == 0);
    BOOST_TEST(text.find("Max-Forwards: 70\r\n") != std::string::npos);
    BOOST_TEST(ContentLength(text) == 0);

    SipMessage parsed = SipMessage::Parse(text);
    BOOST_REQUIRE(parsed.IsValid());
    BOOST_TEST(parsed.IsRequest());
    BOOST_TEST(parsed.GetMethod() == "REGISTER");
    BOOST_TEST(parsed.GetRequestUri() == "sip:mobisocket.test");
    BOOST_TEST(parsed.GetFromUri() == MH_AOR);
    BOOST_TEST(parsed.GetFromTag() == "abc");
    BOOST_TEST(parsed.GetToUri() == MH_AOR);
    BOOST_TEST(parsed.GetToTag() == "");
    BOOST_TEST(parsed.GetCallId() == "reg-1@10.1.1.2");
    BOOST_TEST(parsed.GetCSeqNumber() == 7u);
    BOOST_TEST(parsed.GetCSeqMethod() == "REGISTER");
    BOOST_TEST(parsed.GetViaCount() == 1u);
    BOOST_TEST(parsed.GetTopViaHost() == "10.1.1.2");
    BOOST_TEST(parsed.GetTopViaPort() == 5060);
    BOOST_TEST(parsed.GetTopViaBranch() == "z9hG4bKreg1");
    BOOST_TEST(parsed.GetContactUri() == "sip:mh@10.1.1.2:5060");
    BOOST_TEST(parsed.GetContactExpires() == 3600);
    BOOST_TEST(parsed.GetExpires() == 3600);
    BOOST_TEST(parsed.GetMaxForwards() == 70);
    BOOST_TEST(parsed.GetRetryAfter() == -1);
    SipMessage later = parsed;
    BOOST_TEST(later.SetHeader("Retry-After", "5 (busy);duration=60"));
    BOOST_TEST(SipMessage::Parse(later.ToString()).GetRetryAfter() == 5);
    BOOST_TEST(later.SetHeader("Retry-After", "soon"));
    BOOST_TEST(SipMessage::Parse(later.ToString()).GetRetryAfter() == -1);
    BOOST_TEST(parsed.GetLabel() == "REGISTER");
    BOOST_TEST(parsed.ToString() == text);

    // The registrar's answer.
    SipMessage ok = SipMessage::CreateResponse(parsed, 200);
    BOOST_REQUIRE(ok.IsValid());
    BOOST_TEST(ok.SetToTag("reg-tag"));
    BOOST_TEST(!ok.SetToTag("again")); // one tag only
    SipMessage okParsed = SipMessage::Parse(ok.ToString());
    BOOST_REQUIRE(okParsed.IsResponse());
    BOOST_TEST(okParsed.GetStatusCode() == 200);
    BOOST_TEST(okParsed.GetReasonPhrase() == "OK");
    BOOST_TEST(okParsed.GetLabel() == "200 REGISTER");
    BOOST_TEST(okParsed.GetToTag() == "reg-tag");
    BOOST_TEST(okParsed.GetTopViaBranch() == "z9hG4bKreg1");
    BOOST_TEST(okParsed.GetCSeqNumber() == 7u);
    BOOST_TEST(SipMessage::CreateResponse(parsed, 404).GetReasonPhrase() == "Not Found");
    BOOST_TEST(SipMessage::CreateResponse(parsed, 483).GetReasonPhrase() == "Too Many Hops");
    BOOST_TEST(SipMessage::CreateResponse(parsed, 100).GetLabel() == "100 REGISTER");
    BOOST_TEST(!SipMessage::CreateResponse(parsed, 99).IsValid());
    BOOST_TEST(!SipMessage::CreateResponse(ok, 200).IsValid()); // not a request
}

BOOST_AUTO_TEST_CASE(invite_with_sdp_round_trip)
{
    Ed25519KeyPair keys = Ed25519KeyPair::FromSeed({1, 2, 3});
    SipSessionDescription offer;
    offer.user = "mh";
    offer.address = MH_A;
    offer.port = 9;
    offer.setup = SipSessionDescription::ACTIVE;
    offer.key = keys.publicKey;
    offer.hasKey = true;
    std::string sdp = offer.ToString();
    BOOST_TEST(sdp.find("m=application 9 TCP mobisocket\r\n") != std::string::npos);
    BOOST_TEST(sdp.find("a=setup:active\r\n") != std::string::npos);
    BOOST_TEST(sdp.find("a=connection:new\r\n") != std::string::npos);
    BOOST_TEST(sdp.find("c=IN IP4 10.1.1.2\r\n") != std::string::npos);
    BOOST_TEST(sdp.find("a=mobisocket-key:" +
                        SipInfoBody::EncodeBase64(keys.publicKey.data(), 32)) != std::string::npos);

    SipMessage invite = SipMessage::CreateRequest("INVITE", CH_AOR);
    invite.PushVia("10.1.1.2", 5060, "z9hG4bKinv");
    invite.SetFrom(MH_AOR, "t1");
    invite.SetTo(CH_AOR);
    invite.SetCallId("call-1@10.1.1.2");
    invite.SetCSeq(1, "INVITE");
    invite.SetContact("sip:mh@10.1.1.2:5060");
    invite.SetHeader("Recv-Info", SipInfoBody::INFO_PACKAGE);
    BOOST_TEST(invite.SetBody(SipSessionDescription::CONTENT_TYPE, sdp));
    std::string text = invite.ToString();
    BOOST_TEST(text.find("Recv-Info: mobisocket-update\r\n") != std::string::npos);
    BOOST_TEST(ContentLength(text) == long(sdp.size()));

    SipMessage parsed = SipMessage::Parse(text);
    BOOST_REQUIRE(parsed.IsRequest());
    BOOST_TEST(parsed.GetMethod() == "INVITE");
    BOOST_TEST(parsed.GetRequestUri() == CH_AOR);
    BOOST_TEST(parsed.GetContentType() == "application/sdp");
    BOOST_TEST(parsed.GetBody() == sdp);
    BOOST_TEST(parsed.GetHeader("recv-info") == "mobisocket-update");
    SipSessionDescription back;
    BOOST_REQUIRE(SipSessionDescription::Parse(parsed.GetBody(), back));
    BOOST_TEST(back.hasKey);
    BOOST_TEST(back.key == keys.publicKey);
    BOOST_TEST(back.address == MH_A);
    BOOST_TEST(back.port == 9);
    BOOST_TEST(back.setup == SipSessionDescription::ACTIVE);
    BOOST_TEST(back.newConnection);
    BOOST_TEST(back.user == "mh");

    // A proxy's changes: Request-URI, Max-Forwards, its Via on top, then off again.
    BOOST_TEST(parsed.SetRequestUri("sip:ch@10.2.1.2:5060"));
    BOOST_TEST(parsed.SetMaxForwards(69));
    BOOST_TEST(parsed.PushVia("10.1.1.1", 5060, "z9hG4bK-px1"));
    SipMessage forwarded = SipMessage::Parse(parsed.ToString());
    BOOST_REQUIRE(forwarded.IsValid());
    BOOST_TEST(forwarded.GetRequestUri() == "sip:ch@10.2.1.2:5060");
    BOOST_TEST(forwarded.GetMaxForwards() == 69);
    BOOST_TEST(forwarded.GetViaCount() == 2u);
    BOOST_TEST(forwarded.GetTopViaBranch() == "z9hG4bK-px1");
    SipMessage answer = SipMessage::CreateResponse(forwarded, 200);
    BOOST_TEST(answer.GetViaCount() == 2u);
    BOOST_TEST(answer.PopVia());
    BOOST_TEST(answer.GetTopViaBranch() == "z9hG4bKinv");
    BOOST_TEST(answer.GetTopViaHost() == "10.1.1.2");
}

BOOST_AUTO_TEST_CASE(info_with_add_change_round_trip)
{
    Ed25519KeyPair keys = Ed25519KeyPair::FromSeed({9});
    Ptr<Node> node = CreateObject<Node>();
    Ptr<CryptoAgent> agent = CryptoAgent::Install(node);
    AddChangeHeader change;
    change.SetToken(0x0123456789abcdefULL);
    change.SetSequence(3);
    change.SetOldAddress(MH_A);
    change.SetNewAddress(MH_B);
    change.SetNewPort(49153);
    SignatureAuthenticator::Sign(change, agent, keys);
    std::string body = SipInfoBody::Encode(change);
    BOOST_TEST(body.find("token: 0123456789abcdef\r\n") != std::string::npos);
    BOOST_TEST(body.find("old-address: 10.1.1.2\r\n") != std::string::npos);
    BOOST_TEST(body.find("new-port: 49153\r\n") != std::string::npos);

    SipMessage info = SipMessage::CreateRequest("INFO", "sip:ch@10.2.1.2:5060");
    info.PushVia("10.1.2.2", 5060, "z9hG4bKinfo");
    info.SetFrom(MH_AOR, "t1");
    info.SetTo(CH_AOR, "t2");
    info.SetCallId("call-1@10.1.1.2");
    info.SetCSeq(2, "INFO");
    info.SetContact("sip:mh@10.1.2.2:5060");
    info.SetHeader("Info-Package", SipInfoBody::INFO_PACKAGE);
    info.SetBody(SipInfoBody::ADD_CHANGE_TYPE, body);
    SipMessage parsed = SipMessage::Parse(info.ToString());
    BOOST_REQUIRE(parsed.IsValid());
    BOOST_TEST(parsed.GetHeader("Info-Package") == "mobisocket-update");
    BOOST_TEST(parsed.GetContentType() == SipInfoBody::ADD_CHANGE_TYPE);
    BOOST_TEST(parsed.GetToTag() == "t2");
    AddChangeHeader back;
    BOOST_REQUIRE(SipInfoBody::Decode(parsed.GetBody(), back));
    BOOST_TEST(back.GetToken() == change.GetToken());
    BOOST_TEST(back.GetSequence() == 3u);
    BOOST_TEST(back.GetOldAddress() == MH_A);
    BOOST_TEST(back.GetNewAddress() == MH_B);
    BOOST_TEST(back.GetNewPort() == 49153);
    BOOST_TEST(back.GetSignedBytes() == change.GetSignedBytes());
    Time delay;
    BOOST_TEST(SignatureAuthenticator::Verify(back, agent, keys.publicKey, delay));

    // A field changed in transit breaks the signature.
    std::string tampered = body;
    tampered.replace(tampered.find("10.1.2.2"), 8, "10.1.2.9");
    AddChangeHeader altered;
    BOOST_REQUIRE(SipInfoBody::Decode(tampered, altered));
    BOOST_TEST(!SignatureAuthenticator::Verify(altered, agent, keys.publicKey, delay));

    // AddConfirm.
    AddConfirmHeader confirm;
    confirm.SetToken(change.GetToken());
    confirm.SetSequence(3);
    confirm.SetNewAddress(MH_B);
    confirm.SetNewPort(49153);
    SignatureAuthenticator::Sign(confirm, agent, keys);
    AddConfirmHeader confirmBack;
    BOOST_REQUIRE(SipInfoBody::Decode(SipInfoBody::Encode(confirm), confirmBack));
    BOOST_TEST(SignatureAuthenticator::Verify(confirmBack, agent, keys.publicKey, delay));
    AddChangeHeader notAChange;
    BOOST_TEST(!SipInfoBody::Decode(SipInfoBody::Encode(confirm), notAChange)); // no old-address

    // Malformed bodies.
    for (const std::string& bad : {std::string(""),
                                   std::string("token: xyz\r\n"),
                                   body + "token: 1\r\n", // repeated
                                   std::string(body).replace(body.find("49153"), 5, "70000"),
                                   // port 0, which the binary format refuses too
                                   std::string(body).replace(body.find("49153"), 5, "0"),
                                   std::string(body).replace(body.find("10.1.1.2"), 8, "10.1.1"),
                                   body.substr(0, body.size() - 10)}) // short signature
    {
        AddChangeHeader h;
        BOOST_TEST(!SipInfoBody::Decode(bad, h), "accepted: " << bad);
    }
}

BOOST_AUTO_TEST_CASE(ipv6_text_forms_round_trip)
{
    // Addresses: plain in bodies and SDP, bracketed as URI and Via hosts.
    IpAddress mh(Ipv6Address("2001:db8::1"));
    BOOST_TEST(SipInfoBody::FormatAddress(mh) == "2001:db8::1");
    BOOST_TEST(SipInfoBody::FormatHost(mh) == "[2001:db8::1]");
    BOOST_TEST(SipInfoBody::FormatAddress(Ipv6Address("2001:db8:0:0:1:0:0:1")) ==
               "2001:db8::1:0:0:1"); // RFC 5952: the first longest run of zeros
    BOOST_TEST(SipInfoBody::FormatHost(MH_A) == "10.1.1.2");
    IpAddress parsed;
    BOOST_TEST(SipInfoBody::ParseAddress("2001:DB8:0::1", parsed));
    BOOST_TEST(parsed == mh);
    BOOST_TEST(SipInfoBody::ParseAddress("10.1.1.2", parsed));
    BOOST_TEST(parsed == IpAddress(MH_A));

    std::string contact = SipMessage::MakeUri("mh", SipInfoBody::FormatHost(mh), 5060);
    BOOST_TEST(contact == "sip:mh@[2001:db8::1]:5060");
    IpAddress host;
    uint16_t port = 0;
    BOOST_TEST(SipInfoBody::ResolveUri(contact, host, port));
    BOOST_TEST(host == mh);
    BOOST_TEST(port == 5060);
    BOOST_TEST(SipInfoBody::ResolveUri("sip:ch@[2001:db8::2]", host, port));
    BOOST_TEST(host == IpAddress(Ipv6Address("2001:db8::2")));
    BOOST_TEST(port == 5060);
    BOOST_TEST(SipMessage::GetAor(contact + ";transport=udp") == "sip:mh@[2001:db8::1]");

    // A request with IPv6 hosts everywhere, through oSIP and back.
    SipMessage info = SipMessage::CreateRequest("INFO", "sip:ch@[2001:db8::2]:5060");
    BOOST_REQUIRE(info.IsValid());
    BOOST_TEST(info.PushVia(SipInfoBody::FormatHost(mh), 5060, "z9hG4bKv6"));
    info.SetFrom(MH_AOR, "t1");
    info.SetTo(CH_AOR, "t2");
    info.SetCallId("call-6@2001:db8::1");
    info.SetCSeq(2, "INFO");
    info.SetContact(contact);
    AddChangeHeader change = SignedIpv6Change();
    std::string body = SipInfoBody::Encode(change);
    BOOST_TEST(Has(body, "old-address: 2001:db8::1\r\nnew-address: 2001:db8::2\r\n"));
    info.SetBody(SipInfoBody::ADD_CHANGE_TYPE, body);
    std::string text = info.ToString();
    BOOST_TEST(text.rfind("INFO sip:ch@[2001:db8::2]:5060 SIP/2.0\r\n", 0) == 0);
    BOOST_TEST(Has(text, "Via: SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bKv6\r\n"));
    BOOST_TEST(Has(text, "Contact: <sip:mh@[2001:db8::1]:5060>\r\n"));
    SipMessage back = SipMessage::Parse(text);
    BOOST_REQUIRE(back.IsValid());
    BOOST_TEST(back.ToString() == text);
    BOOST_TEST(back.GetRequestUri() == "sip:ch@[2001:db8::2]:5060");
    BOOST_TEST(back.GetTopViaHost() == "2001:db8::1"); // oSIP drops the brackets
    BOOST_TEST(back.GetTopViaPort() == 5060);
    BOOST_TEST(back.GetContactUri() == contact);
    BOOST_TEST(back.GetCallId() == "call-6@2001:db8::1");
    // A proxy's "received" carries the address without brackets.
    BOOST_TEST(back.SetTopViaReceived("2001:db8::9"));
    BOOST_TEST(SipMessage::Parse(back.ToString()).GetTopViaReceived() == "2001:db8::9");
    AddChangeHeader changeBack;
    BOOST_REQUIRE(SipInfoBody::Decode(back.GetBody(), changeBack));
    BOOST_TEST(changeBack.GetOldAddress() == IpAddress(Ipv6Address("2001:db8::1")));
    BOOST_TEST(changeBack.GetNewAddress() == IpAddress(Ipv6Address("2001:db8::2")));
    BOOST_TEST(changeBack.GetFamily() == IpAddress::IPV6);
    BOOST_TEST(changeBack.GetSignedBytes() == change.GetSignedBytes());
    BOOST_TEST(SipInfoBody::Encode(changeBack) == body);
    AddConfirmHeader confirm;
    confirm.SetToken(change.GetToken());
    confirm.SetSequence(2);
    confirm.SetNewAddress(change.GetNewAddress());
    confirm.SetNewPort(49153);
    AddConfirmHeader confirmBack;
    BOOST_TEST(Has(SipInfoBody::Encode(confirm), "new-address: 2001:db8::2\r\n"));
    BOOST_REQUIRE(SipInfoBody::Decode(SipInfoBody::Encode(confirm), confirmBack));
    BOOST_TEST(confirmBack.GetNewAddress() == confirm.GetNewAddress());
    BOOST_TEST(confirmBack.GetSignedBytes() == confirm.GetSignedBytes());

    // SDP: "IN IP6" in o= and c=.
    SipSessionDescription offer;
    offer.user = "mh";
    offer.address = mh;
    std::string sdp = offer.ToString();
    BOOST_TEST(Has(sdp, "o=mh 1 1 IN IP6 2001:db8::1\r\n"));
    BOOST_TEST(Has(sdp, "c=IN IP6 2001:db8::1\r\n"));
    SipSessionDescription sdpBack;
    BOOST_REQUIRE(SipSessionDescription::Parse(sdp, sdpBack));
    BOOST_TEST(sdpBack.address == mh);
    BOOST_TEST(sdpBack.ToString() == sdp);
}

BOOST_AUTO_TEST_CASE(ipv6_bad_text_is_refused)
{
    IpAddress address(MH_A);
    for (const char* bad : {"2001:db8::1::2",
                            "[2001:db8::1]",
                            "2001:db8::g",
                            "2001:db8::1 ",
                            "fe80::1%eth0",
                            "::ffff:10.1.1.2", // IPv4-mapped: no IPv6 host
                            "2001:db8:1:2:3:4:5:6:7",
                            ":",
                            "10.1.1",
                            "[10.1.1.2]"})
    {
        BOOST_TEST(!SipInfoBody::ParseAddress(bad, address), "accepted: " << bad);
    }
    BOOST_TEST(!SipInfoBody::ParseAddress(std::string("2001:db8::1\0", 12), address));
    BOOST_TEST(address == IpAddress(MH_A)); // unchanged

    // URIs: brackets missing, misplaced, unclosed, around IPv4; bad or mapped addresses.
    uint16_t port = 0;
    for (const char* bad : {"sip:mh@2001:db8::1:5060",
                            "sip:mh@2001:db8::1",
                            "sip:mh@[2001:db8::1]x:5060",
                            "sip:mh@[2001:db8::1",
                            "sip:mh@2001:db8::1]:5060",
                            "sip:mh@[[2001:db8::1]]:5060",
                            "sip:mh@[10.1.1.2]:5060",
                            "sip:mh@[zz::1]:5060",
                            "sip:mh@[::ffff:10.1.1.2]:5060",
                            "sip:mh@[]:5060"})
    {
        BOOST_TEST(!SipInfoBody::ResolveUri(bad, address, port), "resolved: " << bad);
    }
    BOOST_TEST(!SipMessage::CreateRequest("INFO", "sip:ch@2001:db8::2:5060").IsValid());
    BOOST_TEST(SipMessage::GetAor("sip:mh@2001:db8::1:5060") == "");

    // Messages: such a host in the Request-URI, Contact, From or Via.
    SipMessage good = SipMessage::CreateRequest("INFO", "sip:ch@[2001:db8::2]:5060");
    good.PushVia("[2001:db8::1]", 5060, "z9hG4bKv6");
    good.SetFrom("sip:mh@[2001:db8::1]", "t1");
    good.SetTo(CH_AOR, "t2");
    good.SetCallId("c");
    good.SetCSeq(1, "INFO");
    good.SetContact("sip:mh@[2001:db8::1]:5060");
    const std::string text = good.ToString();
    BOOST_REQUIRE(SipMessage::Parse(text).IsValid());
    auto replaced = [&text](const std::string& from, const std::string& to) {
        std::string copy = text;
        BOOST_REQUIRE(Has(copy, from));
        return copy.replace(copy.find(from), from.size(), to);
    };
    for (const std::string& bad :
         {replaced("<sip:mh@[2001:db8::1]:5060>", "<sip:mh@2001:db8::1:5060>"),
          replaced("INFO sip:ch@[2001:db8::2]:5060", "INFO sip:ch@2001:db8::2:5060"),
          replaced("INFO sip:ch@[2001:db8::2]:5060", "INFO sip:ch@[2001:db8::2]junk:5060"),
          replaced("UDP [2001:db8::1]:5060", "UDP [2001:db8::1]x:5060"),
          replaced("UDP [2001:db8::1]:5060", "UDP 2001:db8::1:5060"),
          replaced("UDP [2001:db8::1]:5060", "UDP [10.1.1.2]:5060")})
    {
        SipMessage parsed = SipMessage::Parse(bad);
        // oSIP reads the unbracketed Via as host "2001": no address either way.
        IpAddress via;
        BOOST_TEST(!(parsed.IsValid() && SipInfoBody::ParseAddress(parsed.GetTopViaHost(), via)),
                   "accepted: " << bad);
    }

    // Bodies: malformed, bracketed, mapped, and of two families.
    const std::string body = SipInfoBody::Encode(SignedIpv6Change());
    auto edited = [&body](const std::string& from, const std::string& to) {
        std::string copy = body;
        BOOST_REQUIRE(Has(copy, from));
        return copy.replace(copy.find(from), from.size(), to);
    };
    AddChangeHeader change;
    BOOST_REQUIRE(SipInfoBody::Decode(body, change));
    for (const std::string& bad :
         {edited("new-address: 2001:db8::2", "new-address: 2001:db8::zz"),
          edited("new-address: 2001:db8::2", "new-address: [2001:db8::2]"),
          edited("new-address: 2001:db8::2", "new-address: ::ffff:10.1.2.2"),
          edited("old-address: 2001:db8::1", "old-address: 2001:db8:::1"),
          edited("old-address: 2001:db8::1", "old-address: 10.1.1.2"), // family mix
          edited("new-address: 2001:db8::2", "new-address: 10.1.2.2")})
    {
        AddChangeHeader h;
        BOOST_TEST(!SipInfoBody::Decode(bad, h), "accepted: " << bad);
    }
    AddConfirmHeader confirm;
    BOOST_TEST(!SipInfoBody::Decode("token: 0123456789abcdef\r\nsequence: 2\r\nnew-address: "
                                    "[2001:db8::2]\r\nnew-port: 1\r\nsignature: " +
                                        std::string(86, 'A') + "==\r\n",
                                    confirm));

    // SDP: the address type must name the address's family.
    SipSessionDescription offer;
    offer.address = IpAddress(Ipv6Address("2001:db8::1"));
    const std::string sdp = offer.ToString();
    SipSessionDescription sdpBack;
    BOOST_REQUIRE(SipSessionDescription::Parse(sdp, sdpBack));
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"c=IN IP6 2001:db8::1", "c=IN IP4 2001:db8::1"},
             {"c=IN IP6 2001:db8::1", "c=IN IP6 10.1.1.2"},
             {"c=IN IP6 2001:db8::1", "c=IN IP6 [2001:db8::1]"},
             {"c=IN IP6 2001:db8::1", "c=IN IP6 ::ffff:10.1.1.2"},
             {"c=IN IP6 2001:db8::1", "c=IN IP6 2001:db8::x"}})
    {
        std::string bad = sdp;
        bad.replace(bad.find(from), from.size(), to);
        BOOST_TEST(!SipSessionDescription::Parse(bad, sdpBack), "accepted: " << bad);
    }
}

BOOST_AUTO_TEST_CASE(garbage_does_not_parse)
{
    std::vector<std::string> garbage = {
        "",
        "hello world",
        "SIP/2.0 200 OK\r\n\r\n", // no headers
        "INFO sip:ch@x SIP/2.0\r\nVia: SIP/2.0/UDP 1.2.3.4\r\n\r\n",
        "INFO sip:ch@x SIP/2.0\r\nVia: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bK1\r\nFrom: "
        "<sip:a@x>;tag=1\r\nTo: <sip:b@x>\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\n\r\n", // CSeq method
        "INFO sip:ch@x SIP/2.0\r\nVia: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bK1\r\nFrom: "
        "<sip:a@x>;tag=1\r\nTo: <sip:b@x>\r\nCall-ID: 1\r\nCSeq: x INFO\r\n\r\n", // CSeq number
        std::string("INVITE sip:a@b SIP/2.0\r\n\0\0\0", 28),
    };
    for (const std::string& text : garbage)
    {
        BOOST_TEST(!SipMessage::Parse(text).IsValid(), "parsed: " << text);
    }
    // Random bytes, and every truncation of a valid message: never a crash.
    Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
    for (int i = 0; i < 200; ++i)
    {
        std::vector<uint8_t> bytes(rng->GetInteger(1, 600));
        for (uint8_t& b : bytes)
        {
            b = static_cast<uint8_t>(rng->GetInteger(0, 255));
        }
        BOOST_TEST(!SipMessage::Parse(bytes.data(), bytes.size()).IsValid());
    }
    SipMessage info = SipMessage::CreateRequest("INFO", CH_AOR);
    info.PushVia("10.1.1.2", 5060, "z9hG4bKx");
    info.SetFrom(MH_AOR, "1");
    info.SetTo(CH_AOR, "2");
    info.SetCallId("c");
    info.SetCSeq(2, "INFO");
    info.SetBody("text/plain", "0123456789");
    std::string text = info.ToString();
    int valid = 0;
    for (size_t n = 0; n < text.size(); ++n)
    {
        SipMessage cut = SipMessage::Parse(text.substr(0, n));
        valid += cut.IsValid();
        cut.ToString(); // whatever it parsed, it can be written
    }
    BOOST_TEST(valid < int(text.size()) / 2);
    // Accessors of an invalid message are empty, setters refuse.
    SipMessage invalid;
    BOOST_TEST(invalid.GetMethod() == "");
    BOOST_TEST(invalid.GetCSeqNumber() == 0u);
    BOOST_TEST(invalid.GetTopViaPort() == 0);
    BOOST_TEST(invalid.ToString() == "");
    BOOST_TEST(!invalid.SetHeader("X", "y"));
    BOOST_TEST(!SipMessage::CreateRequest("INFO", "not a uri").IsValid());
    BOOST_TEST(!SipMessage::CreateRequest("BAD METHOD", CH_AOR).IsValid());
    BOOST_TEST(SipMessage::GetAor("sip:ch@10.2.1.2:5060;transport=udp") == "sip:ch@10.2.1.2");
    SipSessionDescription sdp;
    BOOST_TEST(!SipSessionDescription::Parse("v=0\r\nm=audio 4000 RTP/AVP 0\r\n", sdp));
}

/**
 * oSIP parses these but writes them back as other text (fuzz/README.md,
 * F4): a proxy would forward another message, or one the next hop refuses.
 * Parse() refuses them; a valid message written back is a fixed point.
 */
BOOST_AUTO_TEST_CASE(messages_osip_cannot_write_back_are_refused)
{
    const std::string start = "INFO sip:ch@10.2.1.2 SIP/2.0\r\n"
                              "Via: SIP/2.0/UDP 10.1.2.2:5060;branch=z9hG4bK1\r\n";
    const std::string rest = "To: <sip:ch@a.test>\r\nCall-ID: 1@x\r\nCSeq: 2 INFO\r\n";
    const std::string end = "Content-Length: 0\r\n\r\n";
    const std::string good = start + "From: <sip:mh@a.test>;tag=1\r\n" + rest + end;
    SipMessage message = SipMessage::Parse(good);
    BOOST_REQUIRE(message.IsValid());
    BOOST_TEST(SipMessage::Parse(message.ToString()).ToString() == message.ToString());
    const std::map<std::string, std::string> refused = {
        // written as "Content-Type: " without value or line end
        {"content type parameter without value",
         start + "From: <sip:mh@a.test>;tag=1\r\n" + rest + "Content-Type: a/b;c\r\n" + end},
        // written with an empty port, which oSIP then refuses
        {"blank port", start + "From: <sip:mh@a.test: >;tag=1\r\n" + rest + end},
        // the '>' is kept in the URI once and lost after a round trip
        {"unbalanced angle bracket", start + "From:sip:mh@a.test>;tag=1\r\n" + rest + end},
        // gains ";>" at every round trip
        {"uri that grows",
         "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.1.1.2:5060;branch=z9hG4bK1\r\n"
         "From: <si:pmh@mobisocket.testExpirt;>esag=e4d2b619\r\n"
         "To: <sip:ch@mobisocket.test>;tag=7\r\nCall-ID: 1@x\r\nCSeq: 2 INFO\r\n" +
             end},
    };
    for (const auto& [what, text] : refused)
    {
        BOOST_TEST(!SipMessage::Parse(text).IsValid(), what);
    }
}

BOOST_AUTO_TEST_CASE(transactions_follow_the_t1_schedule)
{
    // A non-INVITE client transaction that never gets an answer: Timer E at
    // T1, 2T1, 4T1, then T2 (4 s), until Timer F at 64*T1.
    std::vector<Time> sent;
    SipMessage request = SipMessage::CreateRequest("INFO", CH_AOR);
    request.PushVia("10.1.1.2", 5060, "z9hG4bKtx");
    request.SetFrom(MH_AOR, "1");
    request.SetTo(CH_AOR, "2");
    request.SetCallId("c");
    request.SetCSeq(1, "INFO");
    Ptr<SipClientTransaction> tx = CreateObject<SipClientTransaction>();
    tx->Setup(request,
              CH_A,
              5060,
              SipTimers(),
              MakeCallback(+[](std::vector<Time>* s, const SipMessage&, IpAddress, uint16_t, bool) {
                  s->push_back(Simulator::Now());
              }).Bind(&sent));
    Time timedOut;
    tx->SetTimeoutCallback(MakeCallback(+[](Time* t, Ptr<SipClientTransaction>) {
                               *t = Simulator::Now();
                           }).Bind(&timedOut));
    Simulator::Schedule(Seconds(1), &SipClientTransaction::Start, tx);
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    std::vector<double> expected = {0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5};
    BOOST_REQUIRE(sent.size() == expected.size());
    for (size_t i = 0; i < sent.size(); ++i)
    {
        BOOST_TEST(sent[i] == Seconds(1 + expected[i]));
    }
    BOOST_TEST(timedOut == Seconds(33));
    BOOST_TEST(tx->GetState() == SipClientTransaction::TERMINATED);

    // A matching 200 stops it; a response with another branch or method does not match.
    SipMessage ok = SipMessage::CreateResponse(request, 200);
    BOOST_TEST(tx->Matches(ok));
    SipMessage other = SipMessage::CreateResponse(request, 200);
    other.SetCSeq(1, "BYE");
    BOOST_TEST(!tx->Matches(other));

    // A server transaction re-sends its last response for a retransmitted request.
    int responses = 0;
    Ptr<SipServerTransaction> server = CreateObject<SipServerTransaction>();
    server->Setup(request,
                  MH_A,
                  5060,
                  SipTimers(),
                  MakeCallback(+[](int* n, const SipMessage& m, IpAddress, uint16_t, bool) {
                      *n += m.GetStatusCode() == 200;
                  }).Bind(&responses));
    server->ReceiveRetransmission(); // nothing to re-send yet
    BOOST_TEST(responses == 0);
    server->Respond(ok);
    server->ReceiveRetransmission();
    server->ReceiveRetransmission();
    BOOST_TEST(responses == 3);
    BOOST_TEST(server->GetAbsorbedRetransmissions() == 3u);
    BOOST_TEST(server->GetState() == SipServerTransaction::COMPLETED);
    BOOST_TEST(SipServerTransaction::GetKey(request) == "z9hG4bKtx|10.1.1.2:5060|INFO");
    server->Dispose();
    tx->Dispose();
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------

BOOST_FIXTURE_TEST_SUITE(sessions, NsFixture)

BOOST_AUTO_TEST_CASE(registration_and_call_set_up)
{
    WiredRunConfig config;
    config.mhSendBytes = 100000;
    SipBed bed(config, SipUserAgent::DIRECT);
    Events mhRegistered;
    Events chRegistered;
    Events mhSession;
    Events chSession;
    bed.mhUa->TraceConnectWithoutContext("Registered",
                                         MakeCallback(&Events::Registered, &mhRegistered));
    bed.chUa->TraceConnectWithoutContext("Registered",
                                         MakeCallback(&Events::Registered, &chRegistered));
    bed.mhUa->TraceConnectWithoutContext("SessionEstablished",
                                         MakeCallback(&Events::Session, &mhSession));
    bed.chUa->TraceConnectWithoutContext("SessionEstablished",
                                         MakeCallback(&Events::Session, &chSession));
    bed.run.Run(Seconds(1));

    BOOST_TEST(bed.mhUa->IsRegistered());
    BOOST_TEST(bed.chUa->IsRegistered());
    BOOST_TEST(mhRegistered.count == 1);
    BOOST_TEST(chRegistered.count == 1);
    BOOST_TEST(bed.proxy->GetBindingCount() == 2u);
    BOOST_TEST(bed.proxy->GetBinding(MH_AOR) == "sip:mh@10.1.1.2:5060");
    BOOST_TEST(bed.proxy->GetBinding(CH_AOR) == "sip:ch@10.2.1.2:5060");
    // Registered at 10 ms: one round trip to the router (5 ms each way).
    BOOST_TEST(mhRegistered.last > MilliSeconds(20));
    BOOST_TEST(mhRegistered.last < MilliSeconds(22));

    BOOST_TEST(bed.mhUa->IsSessionEstablished());
    BOOST_TEST(bed.chUa->IsSessionEstablished());
    BOOST_TEST(mhSession.count == 1);
    BOOST_TEST(chSession.count == 1);
    BOOST_TEST(bed.mhUa->GetCallId() == bed.chUa->GetCallId());
    BOOST_REQUIRE(bed.mhUa->HasPeerPublicKey());
    BOOST_REQUIRE(bed.chUa->HasPeerPublicKey());
    BOOST_TEST(bed.mhUa->GetPeerPublicKey() == bed.run.chKeys.publicKey);
    BOOST_TEST(bed.chUa->GetPeerPublicKey() == bed.run.mhKeys.publicKey);
    BOOST_TEST(bed.mhUa->GetPeerContact() == "sip:ch@10.2.1.2:5060");
    BOOST_TEST(bed.chUa->GetPeerContact() == "sip:mh@10.1.1.2:5060");
    BOOST_TEST(bed.mhUa->GetPeerAor() == CH_AOR);
    BOOST_TEST(bed.chUa->GetPeerAor() == MH_AOR);
    // INVITE (via the proxy, 2 x 10 ms), 200 OK back, ACK straight to CH.
    BOOST_TEST(bed.mhSent.Count("INVITE") == 1);
    BOOST_TEST(bed.chSent.Count("200 INVITE") == 1);
    BOOST_TEST(bed.mhSent.Count("ACK") == 1);
    BOOST_TEST(bed.proxy->GetForwardedRequests() == 1u);  // the INVITE
    BOOST_TEST(bed.proxy->GetForwardedResponses() == 1u); // its 200
    BOOST_TEST(mhSession.last > MilliSeconds(70));
    BOOST_TEST(mhSession.last < MilliSeconds(75));
    BOOST_TEST(chSession.last > mhSession.last + MilliSeconds(10));
    BOOST_TEST(bed.mhUa->GetRetransmissionCount() == 0u);
    BOOST_TEST(bed.chUa->GetRetransmissionCount() == 0u);
    BOOST_TEST(bed.mhUa->GetSessionSocket() == bed.run.MhSocket());
    BOOST_TEST(bed.chUa->GetSessionSocket() == bed.run.ChSocket());
}

BOOST_AUTO_TEST_CASE(proxy_errors)
{
    WiredRunConfig config;
    config.mhSendBytes = 1000;
    SipBed bed(config, SipUserAgent::DIRECT);
    Events callFailed;
    Ptr<SipUserAgent> lonely = CreateObject<SipUserAgent>();
    lonely->SetAttribute("Aor", StringValue("sip:lonely@mobisocket.test"));
    lonely->SetAttribute("LocalPort", UintegerValue(5070));
    lonely->SetAttribute("ProxyAddress", Ipv4AddressValue("10.1.1.1"));
    bed.run.topology.GetHost(WiredHandoverTopology::MH)->AddApplication(lonely);
    lonely->TraceConnectWithoutContext("CallFailed",
                                       MakeCallback(&Events::CallFailed, &callFailed));
    Simulator::Schedule(Seconds(0.2), [&]() { lonely->Call("sip:nobody@mobisocket.test"); });
    // A request that has run out of hops, and garbage, sent straight to the proxy.
    Simulator::Schedule(Seconds(0.3), [&]() {
        SipMessage options = SipMessage::CreateRequest("OPTIONS", CH_AOR);
        options.PushVia("10.1.1.2", 5071, "z9hG4bKhops");
        options.SetFrom(MH_AOR, "1");
        options.SetTo(CH_AOR);
        options.SetCallId("hops");
        options.SetCSeq(1, "OPTIONS");
        options.SetMaxForwards(0);
        SendDatagram(bed.run.topology.GetHost(WiredHandoverTopology::MH),
                     Ipv4Address("10.1.1.1"),
                     options.ToString());
        SendDatagram(bed.run.topology.GetHost(WiredHandoverTopology::MH),
                     Ipv4Address("10.1.1.1"),
                     "GARBAGE / 1.0\r\n\r\n");
        SendDatagram(bed.run.topology.GetHost(WiredHandoverTopology::MH), CH_A, "\x01\x02");
    });
    std::vector<int> rejected;
    bed.proxy->TraceConnectWithoutContext(
        "RequestRejected",
        MakeCallback(+[](std::vector<int>* r, const SipMessage&, int status) {
            r->push_back(status);
        }).Bind(&rejected));
    bed.run.Run(Seconds(1));

    BOOST_TEST(callFailed.count == 1);
    BOOST_TEST(callFailed.codes == std::vector<int>{404});
    BOOST_TEST(!lonely->IsSessionEstablished());
    BOOST_TEST(rejected == (std::vector<int>{404, 483}));
    BOOST_TEST(bed.proxy->GetRejectedRequests() == 2u);
    BOOST_TEST(bed.proxy->GetDroppedMessages() == 1u);
    BOOST_TEST(bed.chUa->GetParseErrorCount() == 1u);
    BOOST_TEST(bed.mhUa->IsSessionEstablished()); // the real call is unaffected
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------

BOOST_FIXTURE_TEST_SUITE(update, NsFixture)

/// Update modes.
const char* const MODES[] = {"Direct", "ViaProxy"};

BOOST_DATA_TEST_CASE(mh_moves, bdata::make({0, 1}), viaProxy)
{
    const uint64_t bytes = 2500000;
    WiredRunConfig config;
    config.mhSendBytes = bytes;
    config.chSendBytes = 500000;
    SipBed bed(config, viaProxy ? SipUserAgent::VIA_PROXY : SipUserAgent::DIRECT);
    bed.run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), MilliSeconds(300));
    bed.run.Run(Seconds(12));
    const Time move = Seconds(1.3);

    BOOST_TEST_CONTEXT(MODES[viaProxy])
    {
        BOOST_TEST(bed.movedAt[WiredHandoverTopology::MH] == move);
        BOOST_TEST(bed.run.chApp->GetBytesReceived() == bytes);
        BOOST_TEST(bed.run.mhApp->GetBytesReceived() == 500000u);
        BOOST_TEST(bed.run.chApp->IsIntact());
        BOOST_TEST(bed.run.mhApp->IsIntact());
        BOOST_TEST(!bed.run.chApp->HasFailed());
        BOOST_TEST(PeerAddressOf(bed.run.ChSocket()) == MH_B);
        BOOST_TEST(bed.chUa->GetPeerContact() == "sip:mh@10.1.2.2:5060");
        BOOST_TEST(bed.proxy->GetBinding(MH_AOR) == "sip:mh@10.1.2.2:5060");

        // Exactly one INFO each way, no retransmission, nothing rejected.
        BOOST_TEST(bed.mhSent.Count("INFO") == 1);
        BOOST_TEST(bed.chSent.Count("INFO") == 1);
        BOOST_TEST(bed.mhSent.Count("200 INFO") == 1);
        BOOST_TEST(bed.chSent.Count("200 INFO") == 1);
        BOOST_TEST(bed.mhSent.First("INFO").type == SipInfoBody::ADD_CHANGE_TYPE);
        BOOST_TEST(bed.chSent.First("INFO").type == SipInfoBody::ADD_CONFIRM_TYPE);
        BOOST_TEST(bed.mhUa->GetRetransmissionCount() == 0u);
        BOOST_TEST(bed.chUa->GetRetransmissionCount() == 0u);
        BOOST_TEST(bed.mhConfirmed.count == 1);
        BOOST_TEST(bed.chUpdated.count == 1);
        BOOST_TEST(bed.mhFailed.count == 0);
        BOOST_TEST(bed.chRejected.count + bed.mhRejected.count == 0);
        BOOST_TEST(bed.chUa->GetLastAcceptedSequence() == 1u);

        // One re-REGISTER: before the INFO in ViaProxy, after it in Direct.
        BOOST_TEST(bed.mhSent.Count("REGISTER", move) == 1);
        const Seen& reg = bed.mhSent.First("REGISTER", move);
        const Seen& info = bed.mhSent.First("INFO", move);
        const Seen& regOk = bed.proxySent.First("200 REGISTER", move);
        const Seen& chInfo = bed.chSent.First("INFO", move);
        // In ViaProxy the proxy forwards the INFO (with its Via: more bytes).
        uint32_t fwdInfoBytes = viaProxy ? bed.proxySent.First("INFO", move).bytes : info.bytes;
        Time sign = bed.Sign();
        Time verify = bed.Verify();

        // The analytic delay: one round trip of INFOs (two links each way),
        // two signatures and two verifications, plus the REGISTER round trip
        // (one link each way) in ViaProxy; every hop is propagation plus
        // transmission of that message's bytes.
        Time expected;
        Time coarse;
        if (viaProxy)
        {
            BOOST_TEST(reg.time == move);
            BOOST_TEST(info.time > regOk.time + LINK_DELAY);
            BOOST_TEST(info.time == move + Hop(reg.bytes) + Hop(regOk.bytes) + sign);
            expected = Hop(reg.bytes) + Hop(regOk.bytes) + sign + Hop(info.bytes) +
                       Hop(fwdInfoBytes) + verify + sign + Hop(chInfo.bytes) +
                       Hop(bed.proxySent.First("INFO", chInfo.time).bytes) + verify;
            coarse = 6 * LINK_DELAY + 2 * (sign + verify);
            BOOST_TEST(bed.proxy->GetForwardedRequests() == 3u); // INVITE, 2 INFOs
        }
        else
        {
            BOOST_TEST(info.time == move + sign);
            BOOST_TEST(reg.time == info.time); // the refresh right after the INFO
            expected = sign + 2 * Hop(info.bytes) + verify + sign + 2 * Hop(chInfo.bytes) + verify;
            coarse = 4 * LINK_DELAY + 2 * (sign + verify);
            BOOST_TEST(bed.proxy->GetForwardedRequests() == 1u); // the INVITE only
        }
        BOOST_TEST_MESSAGE(MODES[viaProxy]
                           << ": update confirmed " << bed.mhConfirmed.delay.As(Time::MS)
                           << " after the move (analytic " << expected.As(Time::MS)
                           << ", propagation and crypto only " << coarse.As(Time::MS)
                           << "); CH updated " << (bed.chUpdated.last - move).As(Time::MS)
                           << " after the move; INFO " << info.bytes << " B, confirming INFO "
                           << chInfo.bytes << " B");
        BOOST_TEST(bed.mhConfirmed.delay == bed.mhConfirmed.last - move);
        BOOST_TEST(bed.mhConfirmed.delay >= expected);
        BOOST_TEST(bed.mhConfirmed.delay <= expected + MicroSeconds(50));
        BOOST_TEST(bed.mhConfirmed.delay > coarse);
        BOOST_TEST(bed.mhConfirmed.delay < coarse + MilliSeconds(4));
        // CH updated one INFO trip and one verification after the INFO left.
        Time trip = viaProxy ? Hop(info.bytes) + Hop(fwdInfoBytes) : 2 * Hop(info.bytes);
        BOOST_TEST(bed.chUpdated.last >= info.time + trip + verify);
        BOOST_TEST(bed.chUpdated.last <= info.time + trip + verify + MicroSeconds(50));
    }
}

BOOST_DATA_TEST_CASE(reset_timer_attribute, bdata::make({0, 1}), resetTimer)
{
    // With ResetTimer the mover sends its first data segment from the new
    // address the moment it has verified the confirming INFO; without it,
    // only when its backed-off retransmission timer expires.
    WiredRunConfig config;
    config.mhSendBytes = 2000000;
    SipBed bed(config, SipUserAgent::DIRECT);
    bed.mhUa->SetAttribute("ResetTimer", BooleanValue(resetTimer));
    bed.chUa->SetAttribute("ResetTimer", BooleanValue(resetTimer));
    bed.run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), MilliSeconds(300));
    bed.run.Run(Seconds(12));

    std::vector<Segment> fromNew = DataFrom(bed.run.mhTx, MH_B);
    Time firstData = fromNew.empty() ? Time() : fromNew.front().time;
    BOOST_TEST_MESSAGE("ResetTimer "
                       << resetTimer << ": update confirmed at " << bed.mhConfirmed.last.As(Time::S)
                       << ", first data from the new address at " << firstData.As(Time::S));
    BOOST_TEST(bed.mhConfirmed.count == 1);
    BOOST_TEST(firstData.IsStrictlyPositive());
    if (resetTimer)
    {
        BOOST_TEST(firstData == bed.mhConfirmed.last);
    }
    else
    {
        BOOST_TEST(firstData > bed.mhConfirmed.last + MilliSeconds(500));
    }
    BOOST_TEST(bed.run.chApp->GetBytesReceived() == 2000000u);
    BOOST_TEST(bed.run.chApp->IsIntact());
}

BOOST_AUTO_TEST_CASE(lost_info_is_retransmitted)
{
    // MH's new link drops everything for 800 ms right after the move: the
    // INFO sent at move + sign is lost, so is its retransmission 500 ms
    // later; the one 1500 ms after the first (T1, then 2 T1) gets through.
    WiredRunConfig config;
    config.mhSendBytes = 2000000;
    SipBed bed(config, SipUserAgent::DIRECT);
    bed.run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), MilliSeconds(300));
    bed.afterMove = MakeCallback(+[](SipBed* b, uint32_t host) {
                        b->run.topology.SetLinkUp(WiredHandoverTopology::MH, 1, false);
                        Simulator::Schedule(MilliSeconds(800), [b]() {
                            b->run.topology.SetLinkUp(WiredHandoverTopology::MH, 1, true);
                        });
                    }).Bind(&bed);
    bed.run.Run(Seconds(12));
    const Time move = Seconds(1.3);
    Time sign = bed.Sign();
    Time verify = bed.Verify();

    BOOST_TEST(bed.mhSent.Count("INFO") == 3);
    BOOST_TEST(bed.mhRetransmitted.Count("INFO") == 2);
    std::vector<Time> infos;
    for (const Seen& s : bed.mhSent.seen)
    {
        if (s.label == "INFO")
        {
            infos.push_back(s.time);
        }
    }
    BOOST_REQUIRE(infos.size() == 3u);
    BOOST_TEST(infos[0] == move + sign);
    BOOST_TEST(infos[1] == infos[0] + MilliSeconds(500));
    BOOST_TEST(infos[2] == infos[0] + MilliSeconds(1500));
    // Completion: the no-loss exchange, started by the third transmission.
    const Seen& info = bed.mhSent.First("INFO");
    const Seen& chInfo = bed.chSent.First("INFO");
    Time expected = MilliSeconds(1500) + sign + 2 * Hop(info.bytes) + verify + sign +
                    2 * Hop(chInfo.bytes) + verify;
    BOOST_TEST_MESSAGE("lost INFO: update confirmed " << bed.mhConfirmed.delay.As(Time::MS)
                                                      << " after the move (analytic "
                                                      << expected.As(Time::MS) << ")");
    BOOST_TEST(bed.mhConfirmed.count == 1);
    BOOST_TEST(bed.mhConfirmed.delay >= expected);
    BOOST_TEST(bed.mhConfirmed.delay <= expected + MicroSeconds(50));
    // CH saw the INFO once (the first two never arrived) and answered once.
    BOOST_TEST(bed.chSent.Count("200 INFO") == 1);
    BOOST_TEST(bed.chSent.Count("INFO") == 1);
    BOOST_TEST(bed.chUa->GetRetransmissionCount() == 0u);
    BOOST_TEST(bed.mhFailed.count == 0);
    BOOST_TEST(bed.run.chApp->GetBytesReceived() == 2000000u);
    BOOST_TEST(bed.run.chApp->IsIntact());
    BOOST_TEST(PeerAddressOf(bed.run.ChSocket()) == MH_B);
}

BOOST_DATA_TEST_CASE(both_ends_move_at_once, bdata::make({0, 1, 2}), variant)
{
    // 0: Direct, simultaneous; 1: ViaProxy, simultaneous; 2: ViaProxy, CH
    // moves 100 ms after MH, so MH's INFO is first forwarded to CH's stale
    // contact, lost, and retransmitted until CH has re-registered.
    const char* const names[] = {"Direct", "ViaProxy", "ViaProxy, staggered"};
    bool viaProxy = variant != 0;
    WiredRunConfig config;
    config.mhSendBytes = 2000000;
    config.chSendBytes = 1000000;
    SipBed bed(config, viaProxy ? SipUserAgent::VIA_PROXY : SipUserAgent::DIRECT);
    bed.run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), MilliSeconds(300));
    bed.run.topology.ScheduleHandover(WiredHandoverTopology::CH,
                                      Seconds(variant == 2 ? 1.1 : 1),
                                      MilliSeconds(300));
    bed.run.Run(Seconds(viaProxy ? 12 : 36));

    BOOST_TEST_CONTEXT(names[variant])
    {
        if (!viaProxy)
        {
            // Each INFO goes to the other's stale contact, is retransmitted
            // (11 transmissions) and given up after Timer F = 64 T1.
            BOOST_TEST(bed.mhFailed.count == 1);
            BOOST_TEST(bed.chFailed.count == 1);
            BOOST_TEST(bed.mhFailed.codes ==
                       std::vector<int>{int(ChangeFailReason::TRANSPORT_TIMEOUT)});
            BOOST_TEST(bed.chFailed.codes ==
                       std::vector<int>{int(ChangeFailReason::TRANSPORT_TIMEOUT)});
            BOOST_TEST(bed.mhFailed.last == Seconds(1.3) + bed.Sign() + Seconds(32));
            BOOST_TEST(bed.mhSent.Count("INFO") == 11);
            BOOST_TEST(bed.mhConfirmed.count + bed.chConfirmed.count == 0);
            BOOST_TEST(bed.chUpdated.count + bed.mhUpdated.count == 0);
            BOOST_TEST(bed.run.chApp->GetBytesReceived() < 2000000u);
            BOOST_TEST(bed.run.chApp->IsIntact());
            BOOST_TEST(PeerAddressOf(bed.run.ChSocket()) == MH_A);
            BOOST_TEST(PeerAddressOf(bed.run.MhSocket()) == CH_A);
        }
        else
        {
            BOOST_TEST(bed.mhFailed.count + bed.chFailed.count == 0);
            BOOST_TEST(bed.mhConfirmed.count == 1);
            BOOST_TEST(bed.chConfirmed.count == 1);
            BOOST_TEST(bed.mhUpdated.count == 1);
            BOOST_TEST(bed.chUpdated.count == 1);
            BOOST_TEST(bed.run.chApp->GetBytesReceived() == 2000000u);
            BOOST_TEST(bed.run.mhApp->GetBytesReceived() == 1000000u);
            BOOST_TEST(bed.run.chApp->IsIntact());
            BOOST_TEST(bed.run.mhApp->IsIntact());
            BOOST_TEST(PeerAddressOf(bed.run.ChSocket()) == MH_B);
            BOOST_TEST(PeerAddressOf(bed.run.MhSocket()) == CH_B);
            // Each end sent its AddChange and its AddConfirm.
            BOOST_TEST(bed.mhSent.Count("INFO") - bed.mhRetransmitted.Count("INFO") == 2);
            BOOST_TEST(bed.chSent.Count("INFO") - bed.chRetransmitted.Count("INFO") == 2);
            BOOST_TEST(bed.mhRetransmitted.Count("INFO") == (variant == 2 ? 1 : 0));
            BOOST_TEST(bed.chRetransmitted.Count("INFO") == 0);
            BOOST_TEST(bed.chRejected.count + bed.mhRejected.count == 0);
            BOOST_TEST_MESSAGE(names[variant] << ": MH's update confirmed after "
                                              << bed.mhConfirmed.delay.As(Time::MS)
                                              << ", CH's after "
                                              << bed.chConfirmed.delay.As(Time::MS));
            if (variant == 2)
            {
                // MH's INFO got through at its first retransmission (T1 later).
                BOOST_TEST(bed.mhConfirmed.delay > MilliSeconds(500));
                BOOST_TEST(bed.mhConfirmed.delay < MilliSeconds(550));
            }
            else
            {
                BOOST_TEST(bed.mhConfirmed.delay < MilliSeconds(40));
                BOOST_TEST(bed.chConfirmed.delay < MilliSeconds(40));
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------

BOOST_FIXTURE_TEST_SUITE(attacks, NsFixture)

BOOST_AUTO_TEST_CASE(forged_and_replayed_info_are_rejected)
{
    WiredRunConfig config;
    config.mhSendBytes = 2000000;
    SipBed bed(config, SipUserAgent::DIRECT);
    bed.run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), MilliSeconds(300));
    Ptr<Node> attacker = bed.run.topology.GetRouter(); // on the path
    Ed25519KeyPair attackerKeys = Ed25519KeyPair::FromSeed({66, 6});
    Address peerBefore;
    int chOkBefore = 0;
    int chRetransmittedBefore = 0;
    Simulator::Schedule(Seconds(3), [&]() {
        bed.run.ChSocket()->GetPeerName(peerBefore);
        chOkBefore = bed.chSent.Count("200 INFO");
        chRetransmittedBefore = bed.chRetransmitted.Count("200 INFO");
        std::string genuine = bed.mhSent.First("INFO").text;
        // 1. The genuine INFO again, same branch: a retransmission, absorbed
        //    by CH's server transaction (200 OK re-sent, nothing processed).
        SendDatagram(attacker, CH_A, genuine);
        // 2. Replayed: the genuine INFO as a new request (new branch and CSeq).
        SipMessage replay = SipMessage::Parse(genuine);
        replay.PopVia();
        replay.PushVia("10.1.2.2", 5060, "z9hG4bKreplay");
        replay.SetCSeq(replay.GetCSeqNumber() + 10, "INFO");
        SendDatagram(attacker, CH_A, replay.ToString());
        // 3. Forged: a newer AddChange to the attacker's address, signed with
        //    the attacker's key.
        AddChangeHeader change;
        BOOST_REQUIRE(SipInfoBody::Decode(SipMessage::Parse(genuine).GetBody(), change));
        change.SetSequence(change.GetSequence() + 1);
        change.SetOldAddress(MH_B);
        change.SetNewAddress(Ipv4Address("10.1.1.1"));
        SignatureAuthenticator::Sign(change, CryptoAgent::Install(attacker), attackerKeys);
        SipMessage forged = SipMessage::Parse(genuine);
        forged.PopVia();
        forged.PushVia("10.1.1.1", 5060, "z9hG4bKforged");
        forged.SetCSeq(forged.GetCSeqNumber() + 20, "INFO");
        forged.SetBody(SipInfoBody::ADD_CHANGE_TYPE, SipInfoBody::Encode(change));
        SendDatagram(attacker, CH_A, forged.ToString());
        // 4. An AddConfirm MH did not ask for.
        AddConfirmHeader confirm;
        confirm.SetToken(change.GetToken());
        confirm.SetSequence(change.GetSequence());
        confirm.SetNewAddress(MH_B);
        confirm.SetNewPort(change.GetNewPort());
        SignatureAuthenticator::Sign(confirm, CryptoAgent::Install(attacker), attackerKeys);
        SipMessage unsolicited = SipMessage::Parse(bed.chSent.First("INFO").text);
        unsolicited.PopVia();
        unsolicited.PushVia("10.1.1.1", 5060, "z9hG4bKconfirm");
        unsolicited.SetCSeq(unsolicited.GetCSeqNumber() + 1, "INFO");
        unsolicited.SetBody(SipInfoBody::ADD_CONFIRM_TYPE, SipInfoBody::Encode(confirm));
        SendDatagram(attacker, MH_B, unsolicited.ToString());
        // 5. Another package, and an INFO outside the dialog.
        SipMessage otherPackage = SipMessage::Parse(replay.ToString());
        otherPackage.PopVia();
        otherPackage.PushVia("10.1.1.1", 5060, "z9hG4bKpackage");
        otherPackage.SetHeader("Info-Package", "dtmf");
        SendDatagram(attacker, CH_A, otherPackage.ToString());
        SipMessage otherDialog = SipMessage::Parse(replay.ToString());
        otherDialog.PopVia();
        otherDialog.PushVia("10.1.1.1", 5060, "z9hG4bKdialog");
        otherDialog.SetCallId("not-the-call");
        SendDatagram(attacker, CH_A, otherDialog.ToString());
    });
    bed.run.Run(Seconds(12));

    BOOST_TEST(bed.chUpdated.count == 1); // only the genuine change
    BOOST_TEST(bed.chUa->GetRejectCount(ChangeRejectReason::REPLAYED) == 1u);
    BOOST_TEST(bed.chUa->GetRejectCount(ChangeRejectReason::BAD_AUTHENTICATOR) == 1u);
    BOOST_TEST(bed.chUa->GetRejectCount(ChangeRejectReason::MALFORMED) == 1u);
    BOOST_TEST(bed.chUa->GetRejectCount(ChangeRejectReason::WRONG_TOKEN) == 1u);
    BOOST_TEST(bed.chUa->GetRejectCount() == 4u);
    BOOST_TEST(bed.chRejected.count == 4);
    BOOST_TEST(bed.mhUa->GetRejectCount(ChangeRejectReason::UNEXPECTED) == 1u);
    BOOST_TEST(bed.mhUa->GetRejectCount() == 1u);
    // The retransmission was answered from the transaction, the new requests anew.
    BOOST_TEST(bed.chRetransmitted.Count("200 INFO") == chRetransmittedBefore + 1);
    BOOST_TEST(bed.chSent.Count("200 INFO") == chOkBefore + 3);
    BOOST_TEST(bed.chSent.Count("469 INFO") == 1);
    BOOST_TEST(bed.chSent.Count("481 INFO") == 1);
    BOOST_TEST(bed.chUa->GetLastAcceptedSequence() == 1u);
    // The connection is unchanged and the stream completes.
    Address peerAfter;
    bed.run.ChSocket()->GetPeerName(peerAfter);
    BOOST_TEST(AddressOf(peerAfter) == MH_B);
    BOOST_TEST(peerAfter == peerBefore);
    BOOST_TEST(bed.run.chApp->GetBytesReceived() == 2000000u);
    BOOST_TEST(bed.run.chApp->IsIntact());
}

BOOST_AUTO_TEST_CASE(missing_socket_or_session)
{
    // CH's user agent never gets the session socket: it answers MH's INFO
    // but rejects it (no socket), and MH gives up waiting for the AddConfirm
    // after 64 T1. An address change before any session is only reported.
    WiredRunConfig config;
    config.mhSendBytes = 300000;
    SipBed bed(config, SipUserAgent::DIRECT);
    bed.giveChSocket = false;
    bed.run.topology.ScheduleHandover(WiredHandoverTopology::MH, Seconds(1), MilliSeconds(300));
    Ptr<SipUserAgent> idle = CreateObject<SipUserAgent>();
    idle->SetAttribute("Aor", StringValue("sip:idle@mobisocket.test"));
    idle->SetAttribute("LocalPort", UintegerValue(5080));
    bed.run.topology.GetHost(WiredHandoverTopology::CH)->AddApplication(idle);
    Events idleFailed;
    idle->GetExchange()->TraceConnectWithoutContext("Failed",
                                                    MakeCallback(&Events::Failed, &idleFailed));
    Simulator::Schedule(Seconds(0.5), [&]() { idle->NotifyAddressChange(CH_A); });
    bed.run.Run(Seconds(40));

    BOOST_TEST(idleFailed.codes == std::vector<int>{int(ChangeFailReason::NO_CONNECTION)});
    BOOST_TEST(bed.chUa->GetRejectCount(ChangeRejectReason::NOT_ACTIVE) == 1u);
    BOOST_TEST(bed.chSent.Count("200 INFO") == 1);
    BOOST_TEST(bed.mhFailed.codes == std::vector<int>{int(ChangeFailReason::NOT_CONFIRMED)});
    BOOST_TEST(bed.mhFailed.last == Seconds(1.3) + bed.Sign() + Seconds(32));
    BOOST_TEST(PeerAddressOf(bed.run.ChSocket()) == MH_A);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------

BOOST_FIXTURE_TEST_SUITE(ipv6, NsFixture)

// On the IPv6 bed (EUI-64 addresses from the devices' MAC addresses): MH
// 2001:1::200:ff:fe00:1 (link 0) and 2001:3::200:ff:fe00:5 (link 1), CH
// 2001:2::200:ff:fe00:3 and 2001:4::200:ff:fe00:7, the router (and proxy)
// 2001:1::200:ff:fe00:2.

BOOST_DATA_TEST_CASE(mh_moves_over_ipv6, bdata::make({0, 1}), viaProxy)
{
    // Mid-transfer: 10 MB take longer than the 0.1 s before the link fails.
    const uint64_t bytes = 10000000;
    SipBed6 bed(viaProxy ? SipUserAgent::VIA_PROXY : SipUserAgent::DIRECT, bytes, 2000000);
    const uint32_t MH = SipBed6::MH;
    const uint32_t CH = SipBed6::CH;
    bed.Move(MH, Seconds(2.2), MilliSeconds(300));
    bed.run.Run(Seconds(15));
    const Time move = Seconds(2.5);

    BOOST_TEST_CONTEXT(update::MODES[viaProxy])
    {
        BOOST_REQUIRE(bed.run.bed.address[MH][1] == Ipv6Address("2001:3::200:ff:fe00:5"));
        BOOST_REQUIRE(bed.proxy->GetAddress() == IpAddress(Ipv6Address("2001:1::200:ff:fe00:2")));
        BOOST_TEST(bed.movedAt[MH] == move);

        // REGISTER, INVITE / 200 / ACK, all in the IPv6 text forms.
        BOOST_TEST(bed.ua[MH]->IsSessionEstablished());
        BOOST_TEST(bed.ua[CH]->IsSessionEstablished());
        BOOST_TEST(bed.sent[MH].Count("REGISTER") == 2); // and the re-REGISTER after the move
        BOOST_TEST(bed.sent[CH].Count("REGISTER") == 1);
        BOOST_TEST(bed.proxySent.Count("200 REGISTER") == 3);
        const std::string reg = bed.sent[MH].First("REGISTER").text;
        BOOST_TEST(reg.rfind("REGISTER sip:mobisocket.test SIP/2.0\r\n", 0) == 0);
        BOOST_TEST(Has(reg, "Via: SIP/2.0/UDP [2001:1::200:ff:fe00:1]:5060;branch=z9hG4bK"));
        BOOST_TEST(Has(reg, "Contact: <sip:mh@[2001:1::200:ff:fe00:1]:5060>"));
        BOOST_TEST(Has(bed.sent[MH].First("REGISTER", move).text,
                       "Contact: <sip:mh@[2001:3::200:ff:fe00:5]:5060>"));
        BOOST_TEST(bed.sent[MH].Count("INVITE") == 1);
        BOOST_TEST(bed.sent[CH].Count("200 INVITE") == 1);
        BOOST_TEST(bed.sent[MH].Count("ACK") == 1);
        const std::string invite = bed.sent[MH].First("INVITE").text;
        BOOST_TEST(invite.rfind("INVITE sip:ch@mobisocket.test SIP/2.0\r\n", 0) == 0);
        BOOST_TEST(Has(invite, "Via: SIP/2.0/UDP [2001:1::200:ff:fe00:1]:5060;branch=z9hG4bK"));
        BOOST_TEST(Has(invite, "Contact: <sip:mh@[2001:1::200:ff:fe00:1]:5060>"));
        BOOST_TEST(Has(invite, "o=mh 1 1 IN IP6 2001:1::200:ff:fe00:1\r\n"));
        BOOST_TEST(Has(invite, "c=IN IP6 2001:1::200:ff:fe00:1\r\n"));
        // The proxy sent it on to CH's contact, under its own Via.
        const std::string forwarded = bed.proxySent.First("INVITE").text;
        BOOST_TEST(forwarded.rfind("INVITE sip:ch@[2001:2::200:ff:fe00:3]:5060 SIP/2.0\r\n", 0) ==
                   0);
        BOOST_TEST(
            Has(forwarded, "Via: SIP/2.0/UDP [2001:1::200:ff:fe00:2]:5060;branch=z9hG4bK-px"));
        BOOST_TEST(Has(forwarded, "Via: SIP/2.0/UDP [2001:1::200:ff:fe00:1]:5060;branch=z9hG4bK"));
        const std::string answer = bed.sent[CH].First("200 INVITE").text;
        BOOST_TEST(Has(answer, "Contact: <sip:ch@[2001:2::200:ff:fe00:3]:5060>"));
        BOOST_TEST(Has(answer, "c=IN IP6 2001:2::200:ff:fe00:3\r\n"));
        BOOST_TEST(bed.sent[MH].First("ACK").text.rfind(
                       "ACK sip:ch@[2001:2::200:ff:fe00:3]:5060 SIP/2.0\r\n",
                       0) == 0);

        // The move: one INFO each way, from and to the new address.
        BOOST_TEST(bed.sent[MH].Count("INFO") == 1);
        BOOST_TEST(bed.sent[CH].Count("INFO") == 1);
        BOOST_TEST(bed.sent[MH].Count("200 INFO") == 1);
        BOOST_TEST(bed.sent[CH].Count("200 INFO") == 1);
        const Seen& info = bed.sent[MH].First("INFO");
        const Seen& chInfo = bed.sent[CH].First("INFO");
        BOOST_TEST(info.type == SipInfoBody::ADD_CHANGE_TYPE);
        BOOST_TEST(chInfo.type == SipInfoBody::ADD_CONFIRM_TYPE);
        BOOST_TEST(info.text.rfind(viaProxy
                                       ? "INFO sip:ch@mobisocket.test SIP/2.0\r\n"
                                       : "INFO sip:ch@[2001:2::200:ff:fe00:3]:5060 SIP/2.0\r\n",
                                   0) == 0);
        BOOST_TEST(Has(info.text, "Via: SIP/2.0/UDP [2001:3::200:ff:fe00:5]:5060;branch=z9hG4bK"));
        BOOST_TEST(Has(info.text, "Contact: <sip:mh@[2001:3::200:ff:fe00:5]:5060>"));
        BOOST_TEST(
            Has(info.text,
                "old-address: 2001:1::200:ff:fe00:1\r\nnew-address: 2001:3::200:ff:fe00:5\r\n"));
        BOOST_TEST(chInfo.text.rfind(viaProxy
                                         ? "INFO sip:mh@mobisocket.test SIP/2.0\r\n"
                                         : "INFO sip:mh@[2001:3::200:ff:fe00:5]:5060 SIP/2.0\r\n",
                                     0) == 0);
        BOOST_TEST(Has(chInfo.text, "new-address: 2001:3::200:ff:fe00:5\r\n"));
        if (viaProxy)
        {
            BOOST_TEST(bed.sent[MH].First("REGISTER", move).time < info.time);
            BOOST_TEST(bed.proxySent.First("INFO").text.rfind(
                           "INFO sip:ch@[2001:2::200:ff:fe00:3]:5060 SIP/2.0\r\n",
                           0) == 0);
            BOOST_TEST(bed.proxySent.First("INFO", chInfo.time)
                           .text.rfind("INFO sip:mh@[2001:3::200:ff:fe00:5]:5060 SIP/2.0\r\n", 0) ==
                       0);
            BOOST_TEST(bed.proxy->GetForwardedRequests() == 3u); // INVITE, 2 INFOs
        }
        else
        {
            BOOST_TEST(info.time ==
                       move + bed.run.bed.hosts.Get(MH)->GetObject<CryptoAgent>()->GetDuration(
                                  CryptoAgent::SIGN));
            BOOST_TEST(bed.proxy->GetForwardedRequests() == 1u); // the INVITE only
        }
        BOOST_TEST(bed.confirmed[MH].count == 1);
        BOOST_TEST(bed.updated[CH].count == 1);
        BOOST_TEST(bed.failed[MH].count + bed.failed[CH].count == 0);
        BOOST_TEST(bed.rejected[MH].count + bed.rejected[CH].count == 0);
        BOOST_TEST(bed.ua[MH]->GetRetransmissionCount() + bed.ua[CH]->GetRetransmissionCount() ==
                   0u);
        BOOST_TEST(bed.ua[MH]->GetParseErrorCount() + bed.ua[CH]->GetParseErrorCount() == 0u);
        BOOST_TEST(bed.proxy->GetDroppedMessages() == 0u);
        BOOST_TEST(bed.ua[CH]->GetPeerContact() == "sip:mh@[2001:3::200:ff:fe00:5]:5060");
        BOOST_TEST(bed.proxy->GetBinding(MH_AOR) == "sip:mh@[2001:3::200:ff:fe00:5]:5060");
        BOOST_TEST(bed.ua[MH]->GetLocalAddress() ==
                   IpAddress(Ipv6Address("2001:3::200:ff:fe00:5")));

        // The connection moved and carried every byte, in order.
        BOOST_TEST(bed.run.chApp->GetBytesReceived() == bytes);
        BOOST_TEST(bed.run.mhApp->GetBytesReceived() == 2000000u);
        BOOST_TEST(bed.run.chApp->IsIntact());
        BOOST_TEST(bed.run.mhApp->IsIntact());
        Address peer;
        BOOST_REQUIRE(bed.run.ChSocket());
        bed.run.ChSocket()->GetPeerName(peer);
        BOOST_TEST(Inet6SocketAddress::ConvertFrom(peer).GetIpv6() ==
                   Ipv6Address("2001:3::200:ff:fe00:5"));
        std::vector<ipv6_bed::Segment6> fromNew =
            bed.run.tx[MH].DataFrom(Ipv6Address("2001:3::200:ff:fe00:5"));
        BOOST_REQUIRE(!fromNew.empty());
        BOOST_TEST(fromNew.front().time >= bed.confirmed[MH].last);
    }
}

BOOST_AUTO_TEST_CASE(both_ends_move_at_once_over_ipv6)
{
    // Through the proxy: each end re-registers, then its INFO reaches the
    // other's new contact.
    SipBed6 bed(SipUserAgent::VIA_PROXY, 10000000, 10000000);
    const uint32_t MH = SipBed6::MH;
    const uint32_t CH = SipBed6::CH;
    bed.Move(MH, Seconds(2.2), MilliSeconds(300));
    bed.Move(CH, Seconds(2.2), MilliSeconds(300));
    bed.run.Run(Seconds(15));

    BOOST_TEST(bed.failed[MH].count + bed.failed[CH].count == 0);
    BOOST_TEST(bed.confirmed[MH].count == 1);
    BOOST_TEST(bed.confirmed[CH].count == 1);
    BOOST_TEST(bed.updated[MH].count == 1);
    BOOST_TEST(bed.updated[CH].count == 1);
    BOOST_TEST(bed.confirmed[MH].delay < MilliSeconds(60));
    BOOST_TEST(bed.confirmed[CH].delay < MilliSeconds(60));
    for (uint32_t host : {MH, CH})
    {
        // Its AddChange and its AddConfirm, none retransmitted.
        BOOST_TEST(bed.sent[host].Count("INFO") == 2);
        BOOST_TEST(bed.retransmitted[host].Count("INFO") == 0);
        BOOST_TEST(bed.sent[host].Count("REGISTER") == 2);
    }
    BOOST_TEST(Has(bed.sent[MH].First("INFO").text,
                   "old-address: 2001:1::200:ff:fe00:1\r\nnew-address: 2001:3::200:ff:fe00:5\r\n"));
    BOOST_TEST(Has(bed.sent[CH].First("INFO").text,
                   "old-address: 2001:2::200:ff:fe00:3\r\nnew-address: 2001:4::200:ff:fe00:7\r\n"));
    BOOST_TEST(bed.proxy->GetBinding(MH_AOR) == "sip:mh@[2001:3::200:ff:fe00:5]:5060");
    BOOST_TEST(bed.proxy->GetBinding(CH_AOR) == "sip:ch@[2001:4::200:ff:fe00:7]:5060");
    BOOST_TEST(bed.ua[MH]->GetPeerContact() == "sip:ch@[2001:4::200:ff:fe00:7]:5060");
    BOOST_TEST(bed.ua[CH]->GetPeerContact() == "sip:mh@[2001:3::200:ff:fe00:5]:5060");
    BOOST_TEST(bed.rejected[MH].count + bed.rejected[CH].count == 0);
    BOOST_TEST(bed.run.chApp->GetBytesReceived() == 10000000u);
    BOOST_TEST(bed.run.mhApp->GetBytesReceived() == 10000000u);
    BOOST_TEST(bed.run.chApp->IsIntact());
    BOOST_TEST(bed.run.mhApp->IsIntact());
    BOOST_TEST(!bed.run.tx[MH].DataFrom(Ipv6Address("2001:3::200:ff:fe00:5")).empty());
    BOOST_TEST(!bed.run.tx[CH].DataFrom(Ipv6Address("2001:4::200:ff:fe00:7")).empty());
}

BOOST_AUTO_TEST_CASE(malformed_ipv6_text_is_refused)
{
    // In CH's dialog, sent from the router at 2.5 s: INFOs whose bodies carry
    // malformed IPv6 text or two families (400, MALFORMED), and messages
    // whose IPv6 hosts lack their brackets or have them misplaced (dropped
    // as unparsable). Then MH's genuine move still works.
    SipBed6 bed(SipUserAgent::DIRECT, 1000000, 0);
    const uint32_t MH = SipBed6::MH;
    const uint32_t CH = SipBed6::CH;
    bed.Move(MH, Seconds(3), MilliSeconds(300));
    Ptr<Node> attacker = bed.run.bed.router;
    const IpAddress ch(Ipv6Address("2001:2::200:ff:fe00:3"));
    Simulator::Schedule(Seconds(2.5), [&]() {
        SipMessage invite = SipMessage::Parse(bed.sent[MH].First("INVITE").text);
        SipMessage answer = SipMessage::Parse(bed.sent[CH].First("200 INVITE").text);
        BOOST_REQUIRE(invite.IsValid() && answer.IsValid());
        std::string body = SipInfoBody::Encode(SignedIpv6Change());
        auto info = [&](const std::string& from, const std::string& to, int cseq) {
            SipMessage request =
                SipMessage::CreateRequest("INFO", "sip:ch@[2001:2::200:ff:fe00:3]:5060");
            request.PushVia("[2001:1::200:ff:fe00:1]", 5060, "z9hG4bKbad" + std::to_string(cseq));
            request.SetFrom(MH_AOR, invite.GetFromTag());
            request.SetTo(CH_AOR, answer.GetToTag());
            request.SetCallId(invite.GetCallId());
            request.SetCSeq(cseq, "INFO");
            request.SetContact("sip:mh@[2001:1::200:ff:fe00:1]:5060");
            request.SetHeader("Info-Package", SipInfoBody::INFO_PACKAGE);
            std::string edited = body;
            edited.replace(edited.find(from), from.size(), to);
            request.SetBody(SipInfoBody::ADD_CHANGE_TYPE, edited);
            return request.ToString();
        };
        // Bodies: answered 400.
        SendDatagram(attacker, ch, info("2001:db8::2", "2001:db8::zz", 10));
        SendDatagram(attacker, ch, info("2001:db8::2", "[2001:db8::2]", 11));
        SendDatagram(attacker, ch, info("2001:db8::2", "::ffff:10.1.2.2", 12));
        SendDatagram(attacker, ch, info("old-address: 2001:db8::1", "old-address: 10.1.1.2", 13));
        // Hosts: not SIP messages this module accepts.
        std::string text = info("2001:db8::2", "2001:db8::2", 14);
        auto edited = [&text](const std::string& from, const std::string& to) {
            std::string copy = text;
            return copy.replace(copy.find(from), from.size(), to);
        };
        SendDatagram(
            attacker,
            ch,
            edited("<sip:mh@[2001:1::200:ff:fe00:1]:5060>", "<sip:mh@2001:1::200:ff:fe00:1:5060>"));
        SendDatagram(
            attacker,
            ch,
            edited("UDP [2001:1::200:ff:fe00:1]:5060", "UDP [2001:1::200:ff:fe00:1]x:5060"));
    });
    bed.run.Run(Seconds(10));

    BOOST_TEST(bed.sent[CH].Count("400 INFO") == 4);
    BOOST_TEST(bed.ua[CH]->GetRejectCount(ChangeRejectReason::MALFORMED) == 4u);
    BOOST_TEST(bed.ua[CH]->GetParseErrorCount() == 2u);
    // The genuine move afterwards: one INFO each way, accepted.
    BOOST_TEST(bed.updated[CH].count == 1);
    BOOST_TEST(bed.confirmed[MH].count == 1);
    BOOST_TEST(bed.ua[CH]->GetRejectCount() == 4u);
    BOOST_TEST(bed.sent[CH].Count("200 INFO") == 1);
    BOOST_TEST(bed.ua[CH]->GetPeerContact() == "sip:mh@[2001:3::200:ff:fe00:5]:5060");
    BOOST_TEST(bed.run.chApp->GetBytesReceived() == 1000000u);
    BOOST_TEST(bed.run.chApp->IsIntact());
}

BOOST_AUTO_TEST_SUITE_END()
