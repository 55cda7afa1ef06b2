/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-fuzz
 * Fuzz target: MobilityDemux::Receive (model/mobility-demux.cc), the first
 * of the module's code to see a TCP segment: the input is the IPv4 payload
 * (TCP header and data) as Ipv4L3Protocol hands it to protocol 6.
 *
 * The demux is the real one, installed on a node with the Internet stack in
 * front of a stand-in for TcpL4Protocol (which counts what it gets instead
 * of running TCP), with one tombstone. Before each input a connection (a
 * MobilityDemux::Receiver) is registered under the token the segment names,
 * so that a control segment reaches a receiver; the receiver runs
 * ReceiveControlMessage() (fuzz-common.h: the parse and round trip of the
 * message, as a MobiSocket or TCP-R socket does). Checked: every segment
 * is either delivered, dropped for one reason, or passed on to TCP, exactly
 * once; only URG segments with an envelope reach a receiver, with exactly
 * the segment's payload, and SYNs with a well-formed Migrate option (TCP
 * Migrate), with exactly the option's payload, which encodes back to itself. Seeds:
 * fuzz/corpus/mobility-demux/ (make-corpus.cc).
 */

#include "fuzz-common.h"

#include "ns3/internet-stack-helper.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/migrate-option.h"
#include "ns3/mobility-demux.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace
{

using namespace ns3;
using mobisocket_fuzz::BytesOf;

/// Stands in for TcpL4Protocol behind the demux: counts the segments it gets.
class NextProtocol : public IpL4Protocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid =
            TypeId("mobisocket_fuzz::NextProtocol").SetParent<IpL4Protocol>().SetGroupName("Fuzz");
        return tid;
    }

    int GetProtocolNumber() const override
    {
        return TcpL4Protocol::PROT_NUMBER;
    }

    RxStatus Receive(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> iface) override
    {
        ++received;
        return RX_OK;
    }

    RxStatus Receive(Ptr<Packet> p, const Ipv6Header& header, Ptr<Ipv6Interface> iface) override
    {
        ++received;
        return RX_OK;
    }

    void SetDownTarget(DownTargetCallback cb) override
    {
        m_down = cb;
    }

    void SetDownTarget6(DownTargetCallback6 cb) override
    {
        m_down6 = cb;
    }

    DownTargetCallback GetDownTarget() const override
    {
        return m_down;
    }

    DownTargetCallback6 GetDownTarget6() const override
    {
        return m_down6;
    }

    uint32_t received{0}; //!< segments passed on by the demux

  private:
    DownTargetCallback m_down;   //!< unused
    DownTargetCallback6 m_down6; //!< unused
};

/// A connection end registered with the demux.
class Connection : public MobilityDemux::Receiver
{
  public:
    bool CanReceiveControl() const override
    {
        return true;
    }

    void ReceiveControl(MobilityControlHeader::MessageType type,
                        Ptr<Packet> payload,
                        const IpAddress& source,
                        uint16_t sourcePort) override
    {
        ++calls;
        FUZZ_CHECK(type == expectedType,
                   "delivered as type " << int(type) << ", the envelope says "
                                        << int(expectedType));
        FUZZ_CHECK(BytesOf(payload) == expectedPayload,
                   "the receiver got other bytes than the segment's payload");
        if (type == MobilityControlHeader::MIGRATE_SYN ||
            type == MobilityControlHeader::MIGRATE_SYN_ACK)
        {
            ReceiveMigrateOption(type, BytesOf(payload));
            return;
        }
        mobisocket_fuzz::ReceiveControlMessage(payload);
    }

    /**
     * \brief What TcpMigrateSocket does with a delivered Migrate option:
     *        decode it and fill the exchange's message; check the round trip.
     * \param type the type the demux gave
     * \param bytes the option's payload
     */
    static void ReceiveMigrateOption(MobilityControlHeader::MessageType type,
                                     const std::vector<uint8_t>& bytes)
    {
        auto fields = MigrateOption::Decode(bytes);
        FUZZ_CHECK(fields && fields->type == type, "a Migrate option the socket cannot decode");
        std::unique_ptr<MobilityControlHeader> message;
        if (type == MobilityControlHeader::MIGRATE_SYN)
        {
            message = std::make_unique<MigrateSynHeader>();
        }
        else
        {
            message = std::make_unique<MigrateSynAckHeader>();
        }
        MigrateOption::Fill(*fields, *message);
        FUZZ_CHECK(MigrateOption::Encode(*message) == bytes,
                   "the Migrate option does not encode back to its bytes");
    }

    uint32_t calls{0};                                 //!< control segments received
    MobilityControlHeader::MessageType expectedType{}; //!< the envelope's type
    std::vector<uint8_t> expectedPayload;              //!< the segment's payload
};

/// The node, its demux and what sits behind it; built once.
struct Bed
{
    Ptr<Node> node;           //!< the node
    Ptr<MobilityDemux> demux; //!< its demux
    Ptr<NextProtocol> next;   //!< behind the demux
    Connection connection;    //!< registered per input

    Bed()
    {
        node = CreateObject<Node>();
        InternetStackHelper().Install(node);
        Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
        Ptr<Ipv6L3Protocol> ipv6 = node->GetObject<Ipv6L3Protocol>();
        Ptr<IpL4Protocol> tcp = ipv4->GetProtocol(TcpL4Protocol::PROT_NUMBER);
        ipv4->Remove(tcp);
        ipv6->Remove(tcp);
        next = CreateObject<NextProtocol>();
        ipv4->Insert(next);
        ipv6->Insert(next);
        demux = MobilityDemux::Install(node); // takes `next` as the protocol it fronts, twice
        // A connection of this host (10.2.1.2:80) that left its peer 10.1.2.2:49154,
        // and the same over IPv6.
        demux->AddTombstone(Ipv4Address("10.2.1.2"),
                            80,
                            Ipv4Address("10.1.2.2"),
                            49154,
                            Seconds(1e6));
        demux->AddTombstone(Ipv6Address("2001:2::2"),
                            80,
                            Ipv6Address("2001:1::2"),
                            49154,
                            Seconds(1e6));
    }
};

/// \return the drop counters of the demux, in DropReason order
std::vector<uint64_t>
Drops(Ptr<MobilityDemux> demux)
{
    std::vector<uint64_t> drops;
    for (int reason = 0; reason < MobilityDemux::N_DROP_REASONS; ++reason)
    {
        drops.push_back(demux->GetDropCount(static_cast<MobilityDemux::DropReason>(reason)));
    }
    return drops;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static Bed* bed = new Bed(); // lives as long as the process (reachable: no leak)
    const uint32_t length = static_cast<uint32_t>(size);
    Ptr<Packet> segment = Create<Packet>(data, length);
    Ipv4Header ip;
    ip.SetSource(Ipv4Address("10.1.2.2"));
    ip.SetDestination(Ipv4Address("10.2.1.2"));
    ip.SetProtocol(TcpL4Protocol::PROT_NUMBER);
    ip.SetPayloadSize(static_cast<uint16_t>(length));
    Ipv6Header ip6;
    ip6.SetSource(Ipv6Address("2001:1::2"));
    ip6.SetDestination(Ipv6Address("2001:2::2"));
    ip6.SetNextHeader(TcpL4Protocol::PROT_NUMBER);
    ip6.SetPayloadLength(static_cast<uint16_t>(length));

    // A connection holds the token the segment names, if it names one: found
    // as the demux finds it (URG flag, TCP header, envelope of the payload).
    const bool urgent = length > MobilityDemux::TCP_FLAGS_OFFSET &&
                        (data[MobilityDemux::TCP_FLAGS_OFFSET] & TcpHeader::URG);
    bool syn = length > MobilityDemux::TCP_FLAGS_OFFSET &&
               (data[MobilityDemux::TCP_FLAGS_OFFSET] & TcpHeader::SYN);
    if (urgent || syn)
    {
        // The demux parses the TCP header of URG segments and of SYNs with
        // options (PeekHeader).
        const uint32_t headerLength = (data[12] >> 4) * 4u;
        if (headerLength > 20 && (headerLength > length ||
                                  !mobisocket_fuzz::Ns3ParsesOptions(data + 20, headerLength - 20)))
        {
            return -1; // ns-3's own parser fails on it (see Ns3ParsesOptions)
        }
    }
    Connection& connection = bed->connection;
    connection.calls = 0;
    uint64_t token = 0;
    bool registered = false;
    if (urgent)
    {
        TcpHeader tcp;
        uint32_t headerSize = segment->PeekHeader(tcp);
        if (headerSize <= length)
        {
            Ptr<Packet> payload = segment->CreateFragment(headerSize, length - headerSize);
            if (MobilityControlHeader::PeekEnvelope(payload, connection.expectedType, token))
            {
                connection.expectedPayload = BytesOf(payload);
                registered = bed->demux->Register(token, &connection);
                FUZZ_CHECK(registered, "token " << token << " taken");
            }
            else if (const std::vector<uint8_t> b = BytesOf(payload);
                     b.size() >= 4 &&
                     ((uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) |
                      b[3]) == MobilityControlHeader::MAGIC)
            {
                syn = false; // dropped as a malformed control segment first
            }
        }
    }
    const uint32_t headerLength = length >= 20 ? (data[12] >> 4) * 4u : 0;
    if (!registered && syn && headerLength > 20 && headerLength <= length)
    {
        TcpHeader tcp;
        segment->PeekHeader(tcp);
        std::vector<uint8_t> option;
        auto fields =
            MigrateOption::Find(tcp, option) ? MigrateOption::Decode(option) : std::nullopt;
        if (fields)
        {
            connection.expectedType = fields->type;
            connection.expectedPayload = option;
            token = fields->token;
            registered = bed->demux->Register(token, &connection);
            FUZZ_CHECK(registered, "token " << token << " taken");
        }
    }

    // Each segment goes through the demux as IPv4 and as IPv6: one logic, two slots.
    auto receiveAs = [&](const auto& header) {
        connection.calls = 0;
        const uint64_t delivered = bed->demux->GetDeliveredCount();
        const std::vector<uint64_t> drops = Drops(bed->demux);
        const uint32_t passed = bed->next->received;

        bed->demux->Receive(segment->Copy(), header, nullptr);

        const uint64_t newlyDelivered = bed->demux->GetDeliveredCount() - delivered;
        const std::vector<uint64_t> dropsAfter = Drops(bed->demux);
        uint64_t dropped = 0;
        for (size_t reason = 0; reason < drops.size(); ++reason)
        {
            dropped += dropsAfter[reason] - drops[reason];
        }
        const uint32_t passedOn = bed->next->received - passed;
        FUZZ_CHECK(newlyDelivered + dropped + passedOn == 1,
                   "delivered " << newlyDelivered << ", dropped " << dropped << ", passed on "
                                << passedOn);
        FUZZ_CHECK(newlyDelivered == connection.calls, "delivered count and receiver calls differ");
        FUZZ_CHECK(connection.calls == (registered ? 1u : 0u),
                   "receiver called " << connection.calls << " times, registered " << registered);
        FUZZ_CHECK(urgent || syn ||
                       (newlyDelivered == 0 &&
                        dropsAfter[MobilityDemux::MALFORMED] == drops[MobilityDemux::MALFORMED]),
                   "a segment without URG or SYN was taken for a control segment");
    };
    receiveAs(ip);
    receiveAs(ip6);
    if (registered)
    {
        bed->demux->Unregister(token, &connection);
    }
    return 0;
}
