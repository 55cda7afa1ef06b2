/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-test
 * The DNS rendezvous of the TCP Migrate baseline: the DNS wire format
 * (RFC 1035, RFC 2136 updates, RFC 8945 TSIG) and its decoder's refusals,
 * then DnsRendezvousServer and DnsRendezvousClient on two nodes joined by a
 * point-to-point link (10 Mb/s, 5 ms): an update and a lookup with their
 * exact sizes, times and number of datagrams, a move of the host, forged,
 * tampered, replayed, stale and unauthorised updates, a lost update and its
 * retransmission, the CPU time of the HMACs, NXDOMAIN, and bad arguments.
 */

#define BOOST_TEST_MODULE dns_rendezvous
#include "mobisocket-test-support.h"

#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;

namespace
{

const std::string ZONE = "mobi.example.";  //!< the zone
const std::string MH = "mh.mobi.example."; //!< the mover's name
const std::string CH = "ch.mobi.example."; //!< another host's name
const Ipv4Address HOST("10.1.1.1");        //!< the hosts' node
const Ipv4Address SERVER("10.1.1.2");      //!< the server's node
const Ipv4Address MOVED("10.1.1.3");       //!< the hosts' node after its move
constexpr uint64_t EPOCH = 1767225600;     //!< the default EpochOffset
constexpr int64_t HMAC_NS = 7500;          //!< 6,000 cycles at 800 MHz
constexpr int64_t DELAY_NS = 5000000;      //!< the link's delay

/**
 * \param bytes a UDP payload's size
 * \return its transmission time on the 10 Mb/s link, in ns (IPv4 20, UDP 8
 *         and PPP 2 bytes of headers)
 */
int64_t
TxNs(uint32_t bytes)
{
    return (bytes + 30) * 8 * 100;
}

/// A key filled with one byte.
SymmetricKey
KeyOf(uint8_t b)
{
    SymmetricKey key;
    key.fill(b);
    return key;
}

/// The end of a request, as its callback saw it.
struct Outcome
{
    int calls{0};                                                     //!< callbacks
    bool ok{false};                                                   //!< success/found
    DnsRendezvousClient::Status status{DnsRendezvousClient::PENDING}; //!< update status
    Ipv4Address address;                                              //!< lookup address
    Time at;                                                          //!< when

    /**
     * \param success success
     * \param s status
     */
    void OnUpdate(bool success, DnsRendezvousClient::Status s)
    {
        ++calls;
        ok = success;
        status = s;
        at = Simulator::Now();
    }

    /**
     * \param found found
     * \param a address
     */
    void OnResolve(bool found, Ipv4Address a)
    {
        ++calls;
        ok = found;
        address = a;
        at = Simulator::Now();
    }

    /// \return an update callback recording here
    DnsRendezvousClient::UpdateCallback Update()
    {
        return MakeCallback(&Outcome::OnUpdate, this);
    }

    /// \return a lookup callback recording here
    DnsRendezvousClient::ResolveCallback Resolve()
    {
        return MakeCallback(&Outcome::OnResolve, this);
    }
};

/// A message seen at a time.
struct Seen
{
    Time at;                  //!< when
    DnsMessage message;       //!< what
    Ipv4Address peer;         //!< from or to
    uint32_t bytes{0};        //!< its size (clients)
    std::vector<uint8_t> raw; //!< its bytes (clients)
};

/**
 * \param at when
 * \param p a client's packet
 * \param m its message
 * \return what was seen
 */
Seen
SeenPacket(Time at, Ptr<const Packet> p, const DnsMessage& m)
{
    Seen seen{at, m, Ipv4Address(), p->GetSize(), std::vector<uint8_t>(p->GetSize())};
    p->CopyData(seen.raw.data(), seen.raw.size());
    return seen;
}

/// What a server traced.
struct ServerLog
{
    std::vector<Seen> received;                             //!< Query and UpdateReceived
    std::vector<Seen> answers;                              //!< Answer
    std::vector<DnsRendezvousServer::RejectReason> rejects; //!< UpdateRejected
    int accepted{0};                                        //!< UpdateAccepted

    /// \param m message \param p peer
    void Received(const DnsMessage& m, Ipv4Address p)
    {
        received.push_back({Simulator::Now(), m, p, 0, {}});
    }

    /// \param m message \param p peer
    void Answer(const DnsMessage& m, Ipv4Address p)
    {
        answers.push_back({Simulator::Now(), m, p, 0, {}});
    }

    /// \param m update \param r reason
    void Rejected(const DnsMessage& m, DnsRendezvousServer::RejectReason r)
    {
        rejects.push_back(r);
    }

    /// \param m update \param k key
    void Accepted(const DnsMessage& m, const std::string& k)
    {
        ++accepted;
    }

    /// \param s the server to trace
    void Attach(Ptr<DnsRendezvousServer> s)
    {
        s->TraceConnectWithoutContext("Query", MakeCallback(&ServerLog::Received, this));
        s->TraceConnectWithoutContext("UpdateReceived", MakeCallback(&ServerLog::Received, this));
        s->TraceConnectWithoutContext("Answer", MakeCallback(&ServerLog::Answer, this));
        s->TraceConnectWithoutContext("UpdateRejected", MakeCallback(&ServerLog::Rejected, this));
        s->TraceConnectWithoutContext("UpdateAccepted", MakeCallback(&ServerLog::Accepted, this));
    }
};

/// What a client traced.
struct ClientLog
{
    std::vector<Seen> sent;                                   //!< MessageSent
    std::vector<Seen> received;                               //!< MessageReceived
    std::vector<uint16_t> rcodes;                             //!< Completed: rcode
    std::vector<DnsRendezvousClient::Status> statuses;        //!< Completed: status
    std::vector<std::pair<Ipv4Address, Ipv4Address>> rebinds; //!< Rebound

    /// \param p packet \param m message
    void Sent(Ptr<const Packet> p, const DnsMessage& m)
    {
        sent.push_back(SeenPacket(Simulator::Now(), p, m));
    }

    /// \param p packet \param m message
    void Received(Ptr<const Packet> p, const DnsMessage& m)
    {
        received.push_back(SeenPacket(Simulator::Now(), p, m));
    }

    /// \param n name \param u update \param s status \param r rcode
    void Completed(const std::string& n, bool u, DnsRendezvousClient::Status s, uint16_t r)
    {
        statuses.push_back(s);
        rcodes.push_back(r);
    }

    /// \param from old \param to new
    void Rebound(Ipv4Address from, Ipv4Address to)
    {
        rebinds.emplace_back(from, to);
    }

    /// \param c the client to trace
    void Attach(Ptr<DnsRendezvousClient> c)
    {
        c->TraceConnectWithoutContext("MessageSent", MakeCallback(&ClientLog::Sent, this));
        c->TraceConnectWithoutContext("MessageReceived", MakeCallback(&ClientLog::Received, this));
        c->TraceConnectWithoutContext("Completed", MakeCallback(&ClientLog::Completed, this));
        c->TraceConnectWithoutContext("Rebound", MakeCallback(&ClientLog::Rebound, this));
    }
};

/// Sends hand-made datagrams to the server from a node, and keeps the answers.
struct RawSender
{
    Ptr<Socket> socket;                //!< its socket
    std::vector<DnsMessage> responses; //!< what came back, decoded

    /// \param node where it sends from
    explicit RawSender(Ptr<Node> node)
    {
        socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        socket->Bind();
        socket->SetRecvCallback(MakeCallback(&RawSender::Read, this));
    }

    ~RawSender()
    {
        socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }

    /// \param s the socket
    void Read(Ptr<Socket> s)
    {
        Ptr<Packet> p;
        while ((p = s->Recv()))
        {
            std::vector<uint8_t> bytes(p->GetSize());
            p->CopyData(bytes.data(), bytes.size());
            DnsDecodeResult r = DnsMessage::Decode(bytes);
            BOOST_TEST(r.Ok());
            responses.push_back(r.message);
        }
    }

    /// \param bytes the datagram
    void Send(std::vector<uint8_t> bytes)
    {
        socket->SendTo(Create<Packet>(bytes.data(), bytes.size()),
                       0,
                       InetSocketAddress(SERVER, 53));
    }

    /**
     * \param at when
     * \param bytes the datagram
     */
    void SendAt(Time at, const std::vector<uint8_t>& bytes)
    {
        Simulator::Schedule(at, [this, bytes]() { Send(bytes); });
    }
};

/**
 * Two nodes on a point-to-point link: the hosts' node (10.1.1.1), with the
 * mover's client (it may update "mh") and a resolver, and the server's node
 * (10.1.1.2) with the server. "ch" has a static record.
 */
struct DnsBed
{
    NodeContainer nodes;               //!< host, server
    NetDeviceContainer devices;        //!< their devices
    DnsRendezvousHelper helper{ZONE};  //!< the helper
    Ptr<DnsRendezvousServer> server;   //!< the server
    Ptr<DnsRendezvousClient> mh;       //!< the mover's client
    Ptr<DnsRendezvousClient> resolver; //!< a resolver on the same node
    ServerLog serverLog;               //!< server traces
    ClientLog mhLog;                   //!< mover traces
    ClientLog resolverLog;             //!< resolver traces
    uint32_t onWire{0};                //!< packets the two devices sent

    DnsBed()
    {
        nodes.Create(2);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("5ms"));
        devices = p2p.Install(nodes);
        InternetStackHelper().Install(nodes);
        Ipv4AddressHelper addresses;
        addresses.SetBase("10.1.1.0", "255.255.255.0");
        addresses.Assign(devices);
        server = helper.InstallServer(nodes.Get(1));
        BOOST_REQUIRE(server);
        BOOST_REQUIRE(server->SetRecord(CH, Ipv4Address("10.1.1.50")));
        mh = helper.InstallClient(nodes.Get(0), MH);
        resolver = helper.InstallResolver(nodes.Get(0));
        BOOST_REQUIRE(mh && resolver);
        serverLog.Attach(server);
        mhLog.Attach(mh);
        resolverLog.Attach(resolver);
        for (uint32_t i = 0; i < 2; ++i)
        {
            devices.Get(i)->TraceConnectWithoutContext("PhyTxBegin",
                                                       MakeCallback(&DnsBed::Wire, this));
        }
    }

    /// \param p a packet put on the wire
    void Wire(Ptr<const Packet> p)
    {
        ++onWire;
    }

    /// \return the hosts' node
    Ptr<Node> Host() const
    {
        return nodes.Get(0);
    }

    /**
     * \brief Drop the packets the server's device receives at these
     *        positions (0 the first).
     * \param positions the positions
     */
    void LoseAtServer(const std::list<uint32_t>& positions)
    {
        Ptr<ReceiveListErrorModel> loss = CreateObject<ReceiveListErrorModel>();
        loss->SetList(positions);
        devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(loss));
    }

    /**
     * \param at when
     * \param client the client
     * \param name the name
     * \param address the address
     * \param outcome where its end goes
     */
    void UpdateAt(Time at,
                  Ptr<DnsRendezvousClient> client,
                  const std::string& name,
                  Ipv4Address address,
                  Outcome& outcome)
    {
        Simulator::Schedule(at, [client, name, address, &outcome]() {
            BOOST_TEST(client->Update(name, address, outcome.Update()) ==
                       DnsRendezvousClient::PENDING);
        });
    }

    /**
     * \param at when
     * \param client the client
     * \param name the name
     * \param outcome where its end goes
     */
    void ResolveAt(Time at,
                   Ptr<DnsRendezvousClient> client,
                   const std::string& name,
                   Outcome& outcome)
    {
        Simulator::Schedule(at, [client, name, &outcome]() {
            BOOST_TEST(client->Resolve(name, outcome.Resolve()) == DnsRendezvousClient::PENDING);
        });
    }

    /// \return the server's node's CryptoAgent
    Ptr<CryptoAgent> ServerAgent() const
    {
        return CryptoAgent::Get(nodes.Get(1));
    }

    /// \param stop when to stop
    void Run(Time stop)
    {
        Simulator::Stop(stop);
        Simulator::Run();
    }

    /// \return the addresses the server holds for "mh"
    std::vector<Ipv4Address> Mh() const
    {
        return server->GetAddresses(MH);
    }
};

/**
 * \param id the ID
 * \param keyName the key's name
 * \param key the key
 * \param time Time Signed
 * \return an UPDATE of "mh" to 10.1.1.9 signed with the key, as a client builds it
 */
DnsMessage
SignedUpdate(uint16_t id, const std::string& keyName, const SymmetricKey& key, uint64_t time)
{
    DnsMessage m = DnsMessage::MakeUpdate(id, ZONE);
    m.authorities.push_back(DnsResourceRecord::MakeDeleteRrset(MH, DnsMessage::TYPE_A));
    m.authorities.push_back(DnsResourceRecord::MakeA(MH, Ipv4Address("10.1.1.9"), 0));
    DnsTsig tsig;
    tsig.keyName = keyName;
    tsig.timeSigned = time;
    tsig.originalId = id;
    std::vector<uint8_t> input = tsig.RequestDigestInput(m.EncodeUnsigned(id));
    MacTag mac = CreateObject<CryptoAgent>()->Mac(input, key);
    tsig.SetMac(mac);
    m.tsig = tsig;
    return m;
}

/// \return every kind of message, as the module builds them
std::vector<DnsMessage>
SampleMessages()
{
    DnsMessage query = DnsMessage::MakeQuery(0x1234, MH, DnsMessage::TYPE_A);
    DnsMessage answer = DnsMessage::MakeResponse(query, DnsMessage::NOERROR);
    answer.aa = true;
    answer.answers.push_back(DnsResourceRecord::MakeA(MH, HOST, 0));
    DnsMessage update = SignedUpdate(0xBEEF, MH, KeyOf(7), EPOCH + 1);
    DnsMessage updated = DnsMessage::MakeResponse(update, DnsMessage::NOERROR);
    updated.tsig = update.tsig;
    DnsMessage badTime = DnsMessage::MakeResponse(update, DnsMessage::NOTAUTH);
    badTime.tsig = update.tsig;
    badTime.tsig->error = DnsMessage::BADTIME;
    badTime.tsig->otherData = {0, 0, 0x69, 0x55, 0xb9, 0x00};
    DnsMessage deletions = DnsMessage::MakeUpdate(9, ZONE);
    deletions.authorities.push_back(DnsResourceRecord::MakeDeleteName(MH));
    deletions.authorities.push_back(DnsResourceRecord::MakeDeleteA(CH, HOST));
    return {query, answer, update, updated, badTime, deletions};
}

/// \return the bytes of a query (ID 1) for the A record of "mh"
std::vector<uint8_t>
QueryBytes()
{
    return DnsMessage::MakeQuery(1, MH, DnsMessage::TYPE_A).Encode();
}

/**
 * \param bytes a message
 * \param offset where to change a 16-bit field
 * \param value its value
 */
void
Put16(std::vector<uint8_t>& bytes, std::size_t offset, uint16_t value)
{
    bytes[offset] = static_cast<uint8_t>(value >> 8);
    bytes[offset + 1] = static_cast<uint8_t>(value);
}

/**
 * \param bytes a message's bytes
 * \return why it does not decode
 */
DnsDecodeError
ErrorOf(const std::vector<uint8_t>& bytes)
{
    return DnsMessage::Decode(bytes).error;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(wire_format, NsFixture)

BOOST_AUTO_TEST_CASE(every_message_kind_round_trips)
{
    for (const DnsMessage& m : SampleMessages())
    {
        std::vector<uint8_t> bytes = m.Encode();
        BOOST_REQUIRE(!bytes.empty());
        DnsDecodeResult r = DnsMessage::Decode(bytes);
        BOOST_TEST_REQUIRE(r.Ok(), GetDnsDecodeErrorName(r.error));
        BOOST_TEST((r.message == m));
        BOOST_TEST(!r.compressed);
        BOOST_TEST((r.message.Encode() == bytes));
        if (m.tsig)
        {
            BOOST_TEST((r.unsignedBytes == m.EncodeUnsigned(m.tsig->originalId)));
        }
    }
}

BOOST_AUTO_TEST_CASE(exact_sizes_and_bytes)
{
    std::vector<DnsMessage> m = SampleMessages();
    // Header 12; "mh.mobi.example." 17 bytes, "mobi.example." 14.
    BOOST_TEST(DnsName::WireLength(MH) == 17u);
    BOOST_TEST(m[0].Encode().size() == 33u); // 12 + 17 + 4
    BOOST_TEST(m[1].Encode().size() == 64u); // 33 + 17 + 10 + 4
    // The UPDATE: 12 + zone 18 + delete RRset 27 + add A 31 + TSIG 88 (owner 17,
    // 10, RDATA: "hmac-sha256." 13, time 6, fudge 2, MAC size 2 + 32, original
    // ID 2, error 2, other length 2).
    const std::vector<uint8_t> update = m[2].Encode();
    BOOST_TEST(update.size() == 176u);
    BOOST_TEST(m[3].Encode().size() == 118u); // 12 + 18 + 88
    BOOST_TEST(m[4].Encode().size() == 124u); // + 6 bytes of Other Data
    const std::vector<uint8_t> header = {0xBE, 0xEF, 0x28, 0x00, 0, 1, 0, 0, 0, 2, 0, 1};
    BOOST_TEST((std::vector<uint8_t>(update.begin(), update.begin() + 12) == header));
    const std::vector<uint8_t> query = m[0].Encode();
    const std::vector<uint8_t> expected = {0x12, 0x34, 0,   0,   0,   1,   0,   0,   0,   0, 0,
                                           0,    2,    'm', 'h', 4,   'm', 'o', 'b', 'i', 7, 'e',
                                           'x',  'a',  'm', 'p', 'l', 'e', 0,   0,   1,   0, 1};
    BOOST_TEST((query == expected));
    // TSIG variables (RFC 8945 4.3.3): key 17, class 2, TTL 4, algorithm 13,
    // time 6, fudge 2, error 2, other length 2 = 48 bytes after the message.
    const std::vector<uint8_t> unsignedBytes = m[2].EncodeUnsigned(0xBEEF);
    BOOST_TEST(unsignedBytes.size() == 176u - 88u);
    BOOST_TEST(m[2].tsig->RequestDigestInput(unsignedBytes).size() == 88u + 48u);
    BOOST_TEST(m[2].tsig->ResponseDigestInput(m[2].tsig->mac, unsignedBytes).size() ==
               2u + 32u + 88u + 48u);
    // Names in the MAC's input are canonical.
    DnsTsig upper = *m[2].tsig;
    upper.keyName = "MH.Mobi.EXAMPLE";
    BOOST_TEST(
        (upper.RequestDigestInput(unsignedBytes) == m[2].tsig->RequestDigestInput(unsignedBytes)));
}

BOOST_AUTO_TEST_CASE(every_prefix_is_refused)
{
    for (const DnsMessage& m : SampleMessages())
    {
        const std::vector<uint8_t> bytes = m.Encode();
        for (std::size_t n = 0; n < bytes.size(); ++n)
        {
            DnsDecodeResult r = DnsMessage::Decode(bytes.data(), n);
            BOOST_TEST(!r.Ok(), "prefix " << n << " of " << bytes.size() << " decoded");
            BOOST_TEST((r.error == DnsDecodeError::TRUNCATED ||
                        r.error == DnsDecodeError::COUNTS_EXCEED_DATA),
                       "prefix " << n << ": " << r.error);
            BOOST_TEST(r.errorOffset <= n);
        }
    }
    BOOST_TEST(DnsMessage::Decode(nullptr, 100).error == DnsDecodeError::TRUNCATED);
    // A header whose counts promise a question: counts exceed the data.
    std::vector<uint8_t> header(12, 0);
    header[5] = 1;
    BOOST_TEST(ErrorOf(header) == DnsDecodeError::COUNTS_EXCEED_DATA);
}

BOOST_AUTO_TEST_CASE(compression_pointers)
{
    // A response whose answer's owner points to the question's name (offset 12).
    std::vector<uint8_t> bytes = QueryBytes();
    bytes[2] = 0x84; // QR, AA
    Put16(bytes, 6, 1);
    const std::vector<uint8_t> answer = {0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4, 10, 1, 1, 1};
    bytes.insert(bytes.end(), answer.begin(), answer.end());
    DnsDecodeResult r = DnsMessage::Decode(bytes);
    BOOST_TEST_REQUIRE(r.Ok(), r.error);
    BOOST_TEST(r.compressed);
    BOOST_TEST(r.message.answers.at(0).name == MH);
    BOOST_TEST(r.message.Encode().size() == bytes.size() + 15u); // written uncompressed
    BOOST_TEST((DnsMessage::Decode(r.message.Encode()).message == r.message));
    // A pointer to a suffix ("mobi.example." at offset 15), after a label.
    std::vector<uint8_t> suffix = bytes;
    const std::vector<uint8_t> owner = {2, 'c', 'h', 0xC0, 15};
    suffix.erase(suffix.begin() + 33, suffix.begin() + 35);
    suffix.insert(suffix.begin() + 33, owner.begin(), owner.end());
    r = DnsMessage::Decode(suffix);
    BOOST_TEST_REQUIRE(r.Ok(), r.error);
    BOOST_TEST(r.message.answers.at(0).name == CH);

    // Pointers that do not point strictly backwards: itself, forward, and
    // loops through a label (every loop contains one of these).
    for (const std::vector<uint8_t>& name : std::vector<std::vector<uint8_t>>{
             {0xC0, 12},                   // to itself
             {0xC0, 14, 0},                // forward
             {1, 'a', 0xC0, 12},           // back to its own start: a loop
             {1, 'a', 0xC0, 16, 0xC0, 14}, // forward, then back: a loop
             {0xFF, 0xFF}})                // far past the end
    {
        std::vector<uint8_t> loop(12, 0);
        loop[5] = 1;
        loop.insert(loop.end(), name.begin(), name.end());
        loop.insert(loop.end(), {0, 1, 0, 1});
        BOOST_TEST(ErrorOf(loop) == DnsDecodeError::BAD_POINTER);
    }
    // A pointer whose second byte is missing.
    std::vector<uint8_t> cut(12, 0);
    cut[5] = 1;
    cut.push_back(0xC0);
    BOOST_TEST(ErrorOf(cut) == DnsDecodeError::TRUNCATED);
}

BOOST_AUTO_TEST_CASE(labels_and_names_out_of_bounds)
{
    // Length bytes 0x40-0xBF: a label over 63 bytes, or an extended label type.
    for (uint8_t length : {0x40, 0x7F, 0x80, 0xBF})
    {
        std::vector<uint8_t> bytes(12, 0);
        bytes[5] = 1;
        bytes.push_back(length);
        bytes.insert(bytes.end(), 200, 'a');
        BOOST_TEST(ErrorOf(bytes) == DnsDecodeError::BAD_LABEL);
    }
    // Four 63-byte labels: 257 bytes with the root.
    std::vector<uint8_t> longName(12, 0);
    longName[5] = 1;
    for (int i = 0; i < 4; ++i)
    {
        longName.push_back(63);
        longName.insert(longName.end(), 63, 'a');
    }
    longName.insert(longName.end(), {0, 0, 1, 0, 1});
    BOOST_TEST(ErrorOf(longName) == DnsDecodeError::NAME_TOO_LONG);
    // A space, a dot, a NUL in a label.
    for (uint8_t b : {uint8_t(' '), uint8_t('.'), uint8_t(0), uint8_t(0x7F)})
    {
        std::vector<uint8_t> bytes = QueryBytes();
        bytes[14] = b;
        BOOST_TEST(ErrorOf(bytes) == DnsDecodeError::BAD_LABEL_BYTE);
    }
    // Names the encoder refuses.
    const std::string label64(64, 'a');
    const std::string label63(63, 'a');
    for (const std::string& name : {std::string(),
                                    std::string("a..b"),
                                    std::string(".a"),
                                    label64 + ".example.",
                                    std::string("a b.example."),
                                    label63 + "." + label63 + "." + label63 + "." + label63})
    {
        BOOST_TEST(!DnsName::IsValid(name), name);
        BOOST_TEST(DnsMessage::MakeQuery(1, name, 1).Encode().empty());
    }
    BOOST_TEST(DnsName::IsValid("."));
    BOOST_TEST(DnsName::Canonical("MH.Mobi.Example") == MH);
    BOOST_TEST(DnsName::IsInZone("a.b.MOBI.example", ZONE));
    BOOST_TEST(!DnsName::IsInZone("xmobi.example.", ZONE));
}

BOOST_AUTO_TEST_CASE(records_tsig_and_trailing_data)
{
    // Trailing garbage is refused.
    std::vector<uint8_t> trailing = QueryBytes();
    trailing.push_back(0);
    BOOST_TEST(ErrorOf(trailing) == DnsDecodeError::TRAILING_DATA);
    // An A record of class IN with 5 bytes of RDATA; of type ANY with some.
    DnsMessage m = DnsMessage::MakeQuery(1, MH, 1);
    m.answers.push_back(DnsResourceRecord::MakeA(MH, HOST, 0));
    m.answers[0].rdata.push_back(0);
    BOOST_TEST(ErrorOf(m.Encode()) == DnsDecodeError::BAD_RDATA);
    m.answers[0] = DnsResourceRecord::MakeDeleteName(MH);
    m.answers[0].rdata = {1};
    BOOST_TEST(ErrorOf(m.Encode()) == DnsDecodeError::BAD_RDATA);

    const DnsMessage update = SampleMessages()[2];
    // A TSIG followed by another additional record; a TSIG in the answers.
    DnsMessage notLast = update;
    std::vector<uint8_t> bytes = notLast.Encode();
    std::vector<uint8_t> extra;
    DnsName::Append(CH, extra);
    extra.insert(extra.end(), {0, 1, 0, 1, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4});
    bytes.insert(bytes.end(), extra.begin(), extra.end());
    Put16(bytes, 10, 2);
    BOOST_TEST(ErrorOf(bytes) == DnsDecodeError::TSIG_NOT_LAST);
    bytes = update.Encode();
    Put16(bytes, 8, 3); // the TSIG counted as the third update record
    Put16(bytes, 10, 0);
    BOOST_TEST(ErrorOf(bytes) == DnsDecodeError::TSIG_NOT_LAST);
    // TSIG of class IN; TTL not 0; RDLENGTH one too many or too few.
    const std::size_t tsigAt = 176 - 88;
    const std::size_t classAt = tsigAt + 17 + 2;
    bytes = update.Encode();
    Put16(bytes, classAt, DnsMessage::CLASS_IN);
    BOOST_TEST(ErrorOf(bytes) == DnsDecodeError::BAD_TSIG);
    bytes = update.Encode();
    bytes[classAt + 5] = 1;
    BOOST_TEST(ErrorOf(bytes) == DnsDecodeError::BAD_TSIG);
    bytes = update.Encode();
    Put16(bytes, classAt + 6, 60);
    bytes.push_back(0);
    BOOST_TEST(ErrorOf(bytes) == DnsDecodeError::BAD_TSIG);
    bytes = update.Encode();
    Put16(bytes, classAt + 6, 62);
    BOOST_TEST(ErrorOf(bytes) == DnsDecodeError::TRUNCATED);
    // The algorithm name compressed (RFC 8945 4.2: it must not be).
    bytes = update.Encode();
    const std::size_t algorithmAt = classAt + 8;
    bytes.erase(bytes.begin() + algorithmAt, bytes.begin() + algorithmAt + 13);
    bytes.insert(bytes.begin() + algorithmAt, {0xC0, 12});
    Put16(bytes, classAt + 6, 61 - 13 + 2);
    BOOST_TEST(ErrorOf(bytes) == DnsDecodeError::BAD_TSIG);
    // Encode refuses what it cannot write.
    DnsMessage tooLate = update;
    tooLate.tsig->timeSigned = DnsTsig::MAX_TIME + 1;
    BOOST_TEST(tooLate.Encode().empty());
    DnsMessage badRcode = update;
    badRcode.rcode = 16;
    BOOST_TEST(badRcode.Encode().empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(rendezvous, NsFixture)

BOOST_AUTO_TEST_CASE(update_then_resolve_on_the_wire)
{
    DnsBed bed;
    Outcome updated;
    Outcome resolved;
    bed.UpdateAt(Seconds(1), bed.mh, MH, HOST, updated);
    bed.ResolveAt(Seconds(2), bed.resolver, MH, resolved);
    bed.Run(Seconds(5));

    BOOST_TEST(updated.calls == 1);
    BOOST_TEST(updated.ok);
    BOOST_TEST(updated.status == DnsRendezvousClient::SUCCESS);
    BOOST_TEST(resolved.calls == 1);
    BOOST_TEST(resolved.ok);
    BOOST_TEST(resolved.address == HOST);
    BOOST_TEST((bed.Mh() == std::vector<Ipv4Address>{HOST}));
    // Four datagrams: the UPDATE, its response, the QUERY, its answer.
    BOOST_TEST(bed.onWire == 4u);
    BOOST_TEST(bed.mhLog.sent.size() == 1u);
    BOOST_TEST(bed.mhLog.sent[0].bytes == 176u);
    BOOST_TEST((bed.mhLog.sent[0].raw == bed.mhLog.sent[0].message.Encode()));
    BOOST_TEST(bed.mhLog.received.at(0).bytes == 118u);
    BOOST_TEST(bed.resolverLog.sent.at(0).bytes == 33u);
    BOOST_TEST(bed.resolverLog.received.at(0).bytes == 64u);
    BOOST_TEST(bed.server->GetCounters().updatesAccepted == 1u);
    BOOST_TEST(bed.server->GetCounters().queries == 1u);
    BOOST_TEST(bed.server->GetCounters().answers == 2u);
    // The answer's TTL is 0 (the Migrate paper's uncacheable records).
    BOOST_TEST(bed.resolverLog.received[0].message.answers.at(0).ttl == 0u);
    BOOST_TEST(bed.resolverLog.received[0].message.aa);
    // The update's exact timeline: the client's HMAC, the UPDATE on the link,
    // the server's check and signature, the response on the link, the
    // client's check.
    const int64_t done =
        1000000000 + HMAC_NS + TxNs(176) + DELAY_NS + 2 * HMAC_NS + TxNs(118) + DELAY_NS + HMAC_NS;
    BOOST_TEST(updated.at.GetNanoSeconds() == done);
    BOOST_TEST(bed.mhLog.sent[0].at.GetNanoSeconds() == 1000000000 + HMAC_NS);
    // The lookup costs no HMAC: answered as it arrives.
    BOOST_TEST(resolved.at.GetNanoSeconds() ==
               2000000000 + TxNs(33) + DELAY_NS + TxNs(64) + DELAY_NS);
    // Each end did exactly two HMACs.
    BOOST_TEST(bed.ServerAgent()->GetCount(CryptoAgent::MAC) == 2u);
    BOOST_TEST(CryptoAgent::Get(bed.Host())->GetCount(CryptoAgent::MAC) == 2u);
    // The resolver looked up in any case.
    Outcome upper;
    bed.ResolveAt(Seconds(1), bed.resolver, "MH.MOBI.EXAMPLE", upper);
    bed.Run(Seconds(7));
    BOOST_TEST(upper.ok);
    BOOST_TEST(upper.address == HOST);
}

BOOST_AUTO_TEST_CASE(after_a_move_the_client_rebinds_and_updates)
{
    DnsBed bed;
    Outcome first;
    Outcome second;
    Outcome resolved;
    bed.UpdateAt(Seconds(1), bed.mh, MH, HOST, first);
    Simulator::Schedule(Seconds(2), [&bed]() {
        Ptr<Ipv4> ipv4 = bed.Host()->GetObject<Ipv4>();
        ipv4->RemoveAddress(1, HOST);
        ipv4->AddAddress(1, Ipv4InterfaceAddress(MOVED, Ipv4Mask("255.255.255.0")));
    });
    bed.UpdateAt(Seconds(3), bed.mh, MH, MOVED, second);
    bed.ResolveAt(Seconds(4), bed.resolver, MH, resolved);
    bed.Run(Seconds(6));

    BOOST_TEST(first.ok);
    BOOST_TEST(second.ok);
    BOOST_TEST(resolved.ok);
    BOOST_TEST(resolved.address == MOVED);
    BOOST_TEST((bed.Mh() == std::vector<Ipv4Address>{MOVED}));
    BOOST_TEST(bed.mh->GetBoundAddress() == MOVED);
    BOOST_TEST_REQUIRE(bed.mhLog.rebinds.size() == 2u);
    BOOST_TEST(bed.mhLog.rebinds[0].second == HOST);
    BOOST_TEST(bed.mhLog.rebinds[1].first == HOST);
    BOOST_TEST(bed.mhLog.rebinds[1].second == MOVED);
    // The second UPDATE came from the new address, and its answer reached it.
    BOOST_TEST_REQUIRE(bed.serverLog.received.size() == 3u);
    BOOST_TEST(bed.serverLog.received[0].peer == HOST);
    BOOST_TEST(bed.serverLog.received[1].peer == MOVED);
    BOOST_TEST(bed.serverLog.received[2].peer == MOVED);
    BOOST_TEST(bed.onWire == 6u);
}

BOOST_AUTO_TEST_CASE(a_lost_update_is_retransmitted_after_the_timeout)
{
    for (double timeout : {1.0, 0.25})
    {
        NsFixture fresh;
        DnsBed bed;
        bed.mh->SetAttribute("InitialTimeout", TimeValue(Seconds(timeout)));
        bed.LoseAtServer({0});
        Outcome updated;
        bed.UpdateAt(Seconds(1), bed.mh, MH, HOST, updated);
        bed.Run(Seconds(5));
        BOOST_TEST(updated.ok);
        BOOST_TEST_REQUIRE(bed.mhLog.sent.size() == 2u);
        BOOST_TEST((bed.mhLog.sent[1].at - bed.mhLog.sent[0].at) == Seconds(timeout));
        // Signed afresh: a newer Time Signed (the client's clock is in s) and a new ID.
        BOOST_TEST(bed.mhLog.sent[1].message.tsig->timeSigned ==
                   bed.mhLog.sent[0].message.tsig->timeSigned + 1);
        BOOST_TEST(bed.mhLog.sent[1].message.id != bed.mhLog.sent[0].message.id);
        BOOST_TEST(bed.server->GetCounters().updatesReceived == 1u);
        BOOST_TEST(bed.server->GetCounters().updatesAccepted == 1u);
        BOOST_TEST(updated.at.GetNanoSeconds() == 1000000000 + int64_t(timeout * 1e9) + HMAC_NS +
                                                      TxNs(176) + DELAY_NS + 2 * HMAC_NS +
                                                      TxNs(118) + DELAY_NS + HMAC_NS);
    }
}

BOOST_AUTO_TEST_CASE(every_update_lost_times_out_at_31_s)
{
    DnsBed bed;
    bed.LoseAtServer({0, 1, 2, 3, 4});
    Outcome updated;
    bed.UpdateAt(Seconds(1), bed.mh, MH, HOST, updated);
    bed.Run(Seconds(40));
    BOOST_TEST(updated.calls == 1);
    BOOST_TEST(!updated.ok);
    BOOST_TEST(updated.status == DnsRendezvousClient::TIMEOUT);
    BOOST_TEST(updated.at == Seconds(32));
    BOOST_TEST_REQUIRE(bed.mhLog.sent.size() == 5u);
    const double starts[] = {1, 2, 4, 8, 16};
    for (int i = 0; i < 5; ++i)
    {
        BOOST_TEST(bed.mhLog.sent[i].at.GetNanoSeconds() == int64_t(starts[i] * 1e9) + HMAC_NS);
    }
    BOOST_TEST(bed.server->GetCounters().updatesReceived == 0u);
    BOOST_TEST(bed.mh->GetPendingCount() == 0u);
}

BOOST_AUTO_TEST_CASE(the_hmacs_delay_the_answer_by_their_cpu_time)
{
    for (uint64_t cycles : {6000u, 800000u})
    {
        NsFixture fresh;
        DnsBed bed;
        bed.ServerAgent()->SetAttribute("MacCycles", UintegerValue(cycles));
        Outcome updated;
        Outcome resolved;
        bed.UpdateAt(Seconds(1), bed.mh, MH, HOST, updated);
        bed.ResolveAt(Seconds(2), bed.resolver, MH, resolved);
        bed.Run(Seconds(3));
        BOOST_TEST(updated.ok);
        BOOST_TEST_REQUIRE(bed.serverLog.answers.size() == 2u);
        const Time hmac = bed.ServerAgent()->GetDuration(CryptoAgent::MAC);
        BOOST_TEST(hmac.GetNanoSeconds() == int64_t(cycles * 1e9 / 800e6));
        // Checking the UPDATE's MAC, then signing the response.
        BOOST_TEST((bed.serverLog.answers[0].at - bed.serverLog.received[0].at) == 2 * hmac);
        BOOST_TEST(bed.ServerAgent()->GetBusyTime() == 2 * hmac);
        // The unsigned lookup is answered at once.
        BOOST_TEST(bed.serverLog.answers[1].at == bed.serverLog.received[1].at);
    }
}

BOOST_AUTO_TEST_CASE(an_unknown_name_is_nxdomain)
{
    DnsBed bed;
    Outcome unknown;
    bed.ResolveAt(Seconds(1), bed.resolver, "nobody.mobi.example.", unknown);
    RawSender raw(bed.Host());
    raw.SendAt(Seconds(2), DnsMessage::MakeQuery(7, "www.other.example.", 1).Encode());
    raw.SendAt(Seconds(2), DnsMessage::MakeQuery(8, ZONE, 1).Encode());
    DnsMessage twoQuestions = DnsMessage::MakeQuery(9, CH, 1);
    twoQuestions.questions.push_back(twoQuestions.questions[0]);
    raw.SendAt(Seconds(2), twoQuestions.Encode());
    raw.SendAt(Seconds(2), DnsMessage::MakeQuery(10, CH, 1).Encode());
    bed.Run(Seconds(3));

    BOOST_TEST(unknown.calls == 1);
    BOOST_TEST(!unknown.ok);
    BOOST_TEST(unknown.address == Ipv4Address::GetAny());
    BOOST_TEST(bed.resolverLog.statuses.at(0) == DnsRendezvousClient::NOT_FOUND);
    BOOST_TEST(bed.resolverLog.rcodes.at(0) == DnsMessage::NXDOMAIN);
    BOOST_TEST(bed.serverLog.answers.at(0).message.rcode == DnsMessage::NXDOMAIN);
    BOOST_TEST(bed.serverLog.answers.at(0).message.aa);
    BOOST_TEST_REQUIRE(raw.responses.size() == 4u);
    BOOST_TEST(raw.responses[0].rcode == DnsMessage::REFUSED); // outside the zone
    BOOST_TEST(raw.responses[1].rcode == DnsMessage::NOERROR); // the apex: no A record
    BOOST_TEST(raw.responses[1].answers.empty());
    BOOST_TEST(raw.responses[2].rcode == DnsMessage::FORMERR); // two questions
    BOOST_TEST(raw.responses[3].rcode == DnsMessage::NOERROR); // the static record
    BOOST_TEST_REQUIRE(raw.responses[3].answers.size() == 1u);
    Ipv4Address ch;
    BOOST_TEST(raw.responses[3].answers[0].GetIpv4(ch));
    BOOST_TEST(ch == Ipv4Address("10.1.1.50"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(authentication, NsFixture)

BOOST_AUTO_TEST_CASE(an_update_with_a_wrong_key_is_refused)
{
    DnsBed bed;
    BOOST_REQUIRE(bed.server->SetRecord(MH, HOST));
    // The right key name with a wrong secret (BADSIG), and an unknown key (BADKEY).
    Ptr<DnsRendezvousClient> wrongSecret = bed.helper.InstallResolver(bed.Host());
    Ptr<DnsRendezvousClient> unknownKey = bed.helper.InstallResolver(bed.Host());
    BOOST_REQUIRE(wrongSecret->SetKey(MH, KeyOf(0xAA)));
    BOOST_REQUIRE(unknownKey->SetKey("evil.mobi.example.", KeyOf(0xAA)));
    ClientLog wrongLog;
    wrongLog.Attach(wrongSecret);
    Outcome forged;
    Outcome unknown;
    bed.UpdateAt(Seconds(1), wrongSecret, MH, Ipv4Address("10.9.9.9"), forged);
    bed.UpdateAt(Seconds(1), unknownKey, MH, Ipv4Address("10.9.9.8"), unknown);
    bed.Run(Seconds(40));

    BOOST_TEST((bed.Mh() == std::vector<Ipv4Address>{HOST}));
    const DnsRendezvousServer::Counters& c = bed.server->GetCounters();
    BOOST_TEST(c.updatesAccepted == 0u);
    BOOST_TEST(c.GetRejects(DnsRendezvousServer::BAD_SIGNATURE) == 5u);
    BOOST_TEST(c.GetRejects(DnsRendezvousServer::BAD_KEY) == 5u);
    for (const Seen& answer : bed.serverLog.answers)
    {
        BOOST_TEST(answer.message.rcode == DnsMessage::NOTAUTH);
        BOOST_TEST_REQUIRE(answer.message.tsig.has_value());
        BOOST_TEST(answer.message.tsig->mac.empty()); // unsigned (RFC 8945 5.3.2)
        BOOST_TEST((answer.message.tsig->error == DnsMessage::BADSIG ||
                    answer.message.tsig->error == DnsMessage::BADKEY));
    }
    // The clients cannot trust unsigned errors: they retry, then time out.
    BOOST_TEST(forged.status == DnsRendezvousClient::TIMEOUT);
    BOOST_TEST(unknown.status == DnsRendezvousClient::TIMEOUT);
    BOOST_TEST(wrongSecret->GetIgnoredResponses() == 5u);
    BOOST_TEST(wrongLog.received.size() == 5u);
    // A BADSIG check costs the server one HMAC, a BADKEY none.
    BOOST_TEST(bed.ServerAgent()->GetCount(CryptoAgent::MAC) == 5u);
}

BOOST_AUTO_TEST_CASE(tampered_and_replayed_updates_are_refused)
{
    DnsBed bed;
    const Ipv4Address later("10.1.1.7");
    Outcome first;
    Outcome second;
    bed.UpdateAt(Seconds(1), bed.mh, MH, HOST, first);
    bed.UpdateAt(Seconds(2), bed.mh, MH, later, second);
    RawSender raw(bed.Host());
    Simulator::Schedule(Seconds(3), [&bed, &raw]() {
        const DnsMessage genuine = bed.mhLog.sent.at(0).message;
        DnsMessage tamperedMac = genuine;
        tamperedMac.tsig->mac[5] ^= 1;
        DnsMessage tamperedAddress = genuine;
        tamperedAddress.authorities[1].rdata[3] = 66;
        raw.Send(tamperedMac.Encode());     // BADSIG
        raw.Send(tamperedAddress.Encode()); // BADSIG
        raw.Send(bed.mhLog.sent.at(0).raw); // replay of an older one, byte for byte
        raw.Send(bed.mhLog.sent.at(1).raw); // replay of the last one
    });
    bed.Run(Seconds(4));

    BOOST_TEST(first.ok);
    BOOST_TEST(second.ok);
    BOOST_TEST((bed.Mh() == std::vector<Ipv4Address>{later}));
    BOOST_TEST_REQUIRE(raw.responses.size() == 4u);
    BOOST_TEST_REQUIRE(bed.serverLog.rejects.size() == 4u);
    for (int i = 0; i < 2; ++i)
    {
        BOOST_TEST(raw.responses[i].rcode == DnsMessage::NOTAUTH);
        BOOST_TEST(raw.responses[i].tsig->error == DnsMessage::BADSIG);
        BOOST_TEST(raw.responses[i].tsig->mac.empty());
        BOOST_TEST(bed.serverLog.rejects[i] == DnsRendezvousServer::BAD_SIGNATURE);
    }
    for (int i = 2; i < 4; ++i)
    {
        // RFC 8945 5.2.3: BADTIME, signed, the server's time in Other Data.
        BOOST_TEST(raw.responses[i].rcode == DnsMessage::NOTAUTH);
        BOOST_TEST(raw.responses[i].tsig->error == DnsMessage::BADTIME);
        BOOST_TEST(raw.responses[i].tsig->mac.size() == 32u);
        BOOST_TEST((raw.responses[i].tsig->otherData ==
                    std::vector<uint8_t>{0, 0, 0x69, 0x55, 0xb9, 0x03}));
        BOOST_TEST(bed.serverLog.rejects[i] == DnsRendezvousServer::REPLAYED);
    }
    BOOST_TEST(bed.server->GetCounters().updatesAccepted == 2u);
}

BOOST_AUTO_TEST_CASE(an_update_outside_the_fudge_is_refused)
{
    for (uint64_t skew : {301u, 300u})
    {
        NsFixture fresh;
        DnsBed bed;
        BOOST_REQUIRE(bed.server->SetRecord(MH, HOST));
        bed.mh->SetAttribute("EpochOffset", UintegerValue(EPOCH - skew));
        Outcome updated;
        bed.UpdateAt(Seconds(1), bed.mh, MH, MOVED, updated);
        bed.Run(Seconds(3));
        BOOST_TEST(updated.calls == 1);
        if (skew == 301)
        {
            BOOST_TEST(!updated.ok);
            BOOST_TEST(updated.status == DnsRendezvousClient::BAD_TIME);
            BOOST_TEST(bed.mhLog.rcodes.at(0) == DnsMessage::BADTIME);
            BOOST_TEST((bed.Mh() == std::vector<Ipv4Address>{HOST}));
            BOOST_TEST_REQUIRE(bed.serverLog.rejects.size() == 1u);
            BOOST_TEST(bed.serverLog.rejects[0] == DnsRendezvousServer::BAD_TIME);
            BOOST_TEST(bed.serverLog.answers.at(0).message.tsig->error == DnsMessage::BADTIME);
        }
        else
        {
            BOOST_TEST(updated.ok); // exactly at the fudge
            BOOST_TEST((bed.Mh() == std::vector<Ipv4Address>{MOVED}));
        }
    }
}

BOOST_AUTO_TEST_CASE(a_name_the_key_may_not_update_is_refused)
{
    DnsBed bed;
    Outcome updated;
    bed.UpdateAt(Seconds(1), bed.mh, CH, HOST, updated);
    RawSender raw(bed.Host());
    // An unsigned UPDATE of "mh".
    DnsMessage unsignedUpdate = SignedUpdate(3, MH, KeyOf(1), EPOCH);
    unsignedUpdate.tsig.reset();
    raw.SendAt(Seconds(2), unsignedUpdate.Encode());
    bed.Run(Seconds(3));

    BOOST_TEST(updated.calls == 1);
    BOOST_TEST(!updated.ok);
    BOOST_TEST(updated.status == DnsRendezvousClient::REJECTED);
    BOOST_TEST(bed.mhLog.rcodes.at(0) == DnsMessage::REFUSED); // RFC 2136 3.3
    BOOST_TEST(
        (bed.server->GetAddresses(CH) == std::vector<Ipv4Address>{Ipv4Address("10.1.1.50")}));
    BOOST_TEST(bed.Mh().empty());
    BOOST_TEST_REQUIRE(bed.serverLog.rejects.size() == 2u);
    BOOST_TEST(bed.serverLog.rejects[0] == DnsRendezvousServer::NAME_NOT_ALLOWED);
    BOOST_TEST(bed.serverLog.rejects[1] == DnsRendezvousServer::UNSIGNED);
    BOOST_TEST_REQUIRE(raw.responses.size() == 1u);
    BOOST_TEST(raw.responses[0].rcode == DnsMessage::REFUSED);
    BOOST_TEST(!raw.responses[0].tsig.has_value());
}

BOOST_AUTO_TEST_CASE(malformed_datagrams_get_formerr)
{
    DnsBed bed;
    RawSender raw(bed.Host());
    std::vector<uint8_t> garbage = {0xAB, 0xCD, 0x28, 0, 0, 9, 0, 0, 0, 0, 0, 0, 1};
    raw.SendAt(Seconds(1), garbage);                       // counts past the data
    raw.SendAt(Seconds(1), std::vector<uint8_t>{1, 2, 3}); // no header: dropped
    bed.Run(Seconds(2));
    BOOST_TEST(bed.server->GetCounters().malformed == 2u);
    BOOST_TEST_REQUIRE(raw.responses.size() == 1u);
    BOOST_TEST(raw.responses[0].id == 0xABCD);
    BOOST_TEST(raw.responses[0].opcode == DnsMessage::UPDATE);
    BOOST_TEST(raw.responses[0].rcode == DnsMessage::FORMERR);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(api, NsFixture)

BOOST_AUTO_TEST_CASE(bad_arguments_are_refused_without_a_callback)
{
    DnsBed bed;
    Outcome never;
    using C = DnsRendezvousClient;
    // Names.
    BOOST_TEST(bed.mh->Update("", HOST, never.Update()) == C::INVALID_NAME);
    BOOST_TEST(bed.mh->Update("a..b.mobi.example.", HOST, never.Update()) == C::INVALID_NAME);
    BOOST_TEST(bed.mh->Update("mh.other.example.", HOST, never.Update()) == C::OUTSIDE_ZONE);
    BOOST_TEST(bed.mh->Update(MH, Ipv4Address::GetAny(), never.Update()) == C::INVALID_ADDRESS);
    BOOST_TEST(bed.resolver->Resolve("", never.Resolve()) == C::INVALID_NAME);
    BOOST_TEST(bed.resolver->Resolve("www.other.example.", never.Resolve()) == C::OUTSIDE_ZONE);
    // No key, no server, no node, no CryptoAgent.
    BOOST_TEST(bed.resolver->Update(MH, HOST, never.Update()) == C::NO_KEY);
    Ptr<C> alone = CreateObject<C>();
    BOOST_TEST(alone->Update(MH, HOST, never.Update()) == C::NOT_INSTALLED);
    BOOST_TEST(alone->Resolve(MH, never.Resolve()) == C::NOT_INSTALLED);
    alone->SetNode(bed.Host());
    BOOST_TEST(alone->SetKey(MH, KeyOf(1)));
    BOOST_TEST(alone->Update(MH, HOST, never.Update()) == C::NO_SERVER);
    BOOST_TEST(alone->Resolve(MH, never.Resolve()) == C::NO_SERVER);
    BOOST_TEST(!alone->SetKey("", KeyOf(1)));
    BOOST_TEST(!alone->SetServer(Ipv4Address::GetAny()));
    BOOST_TEST(!alone->SetServer(SERVER, 0));
    Ptr<Node> bare = CreateObject<Node>();
    InternetStackHelper().Install(bare);
    alone->SetNode(bare);
    BOOST_TEST(alone->SetServer(SERVER));
    BOOST_TEST(alone->Update(MH, HOST, never.Update()) == C::NOT_INSTALLED); // no CryptoAgent
    // A node with no route to the server: sent, every attempt skipped, timeout.
    Outcome noRoute;
    BOOST_TEST(alone->Resolve(MH, noRoute.Resolve()) == C::PENDING);
    // Server and helper.
    BOOST_TEST(!bed.server->SetRecord("www.other.example.", HOST));
    BOOST_TEST(!bed.server->SetRecord("", HOST));
    BOOST_TEST(!bed.server->AddKey("", KeyOf(1), {MH}));
    BOOST_TEST(!bed.server->AddKey(MH, KeyOf(1), {}));
    BOOST_TEST(!bed.server->AddKey(MH, KeyOf(1), {"a..b"}));
    DnsRendezvousHelper early(ZONE);
    BOOST_TEST(!early.InstallClient(bed.Host(), MH));
    BOOST_TEST(!bed.helper.InstallClient(bed.Host(), "mh.other.example."));
    Ptr<C> elsewhere = bed.helper.InstallClient(bare, "x.mobi.example.");
    BOOST_TEST(PeekPointer(elsewhere) != nullptr); // valid, though bare has no route
    BOOST_TEST(alone->GetBoundAddress() == Ipv4Address::GetAny());
    bed.Run(Seconds(40));
    BOOST_TEST(never.calls == 0);
    BOOST_TEST(noRoute.calls == 1);
    BOOST_TEST(!noRoute.ok);
    BOOST_TEST(bed.onWire == 0u);
}

BOOST_AUTO_TEST_CASE(a_newer_update_supersedes_a_pending_one)
{
    DnsBed bed;
    bed.LoseAtServer({0});
    Outcome older;
    Outcome newer;
    bed.UpdateAt(Seconds(1), bed.mh, MH, HOST, older);
    bed.UpdateAt(Seconds(1.5), bed.mh, MH, MOVED, newer);
    bed.Run(Seconds(5));
    BOOST_TEST(older.calls == 1);
    BOOST_TEST(older.status == DnsRendezvousClient::SUPERSEDED);
    BOOST_TEST(newer.ok);
    BOOST_TEST((bed.Mh() == std::vector<Ipv4Address>{MOVED}));
    BOOST_TEST(bed.mhLog.sent.size() == 2u); // the older one is not retransmitted
}

BOOST_AUTO_TEST_SUITE_END()
