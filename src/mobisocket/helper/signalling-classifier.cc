/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "signalling-classifier.h"

#include "ns3/icmpv6-header.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv6-header.h"
#include "ns3/migrate-option.h"
#include "ns3/mobility-control-header.h"
#include "ns3/mobility-demux.h"
#include "ns3/sip-user-agent.h"
#include "ns3/tcp-header.h"
#include "ns3/udp-header.h"

namespace ns3
{

namespace
{

/**
 * \brief Name a SIP message from the start of its text: the method of a
 *        request, or "<status>/<CSeq method>" of a response.
 * \param text the message
 * \return the name
 */
std::string
SipMessageName(const std::string& text)
{
    std::string firstLine = text.substr(0, text.find("\r\n"));
    if (firstLine.rfind("SIP/2.0 ", 0) != 0)
    {
        return "SIP " + firstLine.substr(0, firstLine.find(' '));
    }
    std::string status = firstLine.substr(8, 3);
    std::string method = "?";
    size_t cseq = text.find("\r\nCSeq:");
    if (cseq != std::string::npos)
    {
        size_t lineEnd = text.find("\r\n", cseq + 2);
        std::string line = text.substr(cseq + 7, lineEnd - cseq - 7);
        size_t space = line.find_last_of(' ');
        method = line.substr(space + 1);
    }
    return "SIP " + status + "/" + method;
}

/**
 * \param type a control message type
 * \return its name
 */
const char*
ControlMessageName(MobilityControlHeader::MessageType type)
{
    switch (type)
    {
    case MobilityControlHeader::ADD_CHANGE:
        return "AddChange";
    case MobilityControlHeader::ADD_CONFIRM:
        return "AddConfirm";
    case MobilityControlHeader::KEY_SHARE:
        return "KeyShare";
    case MobilityControlHeader::REDIRECT_REQUEST:
        return "RedirectRequest";
    case MobilityControlHeader::REDIRECT_ACK:
        return "RedirectAck";
    case MobilityControlHeader::MIGRATE_SYN:
        return "Migrate SYN";
    case MobilityControlHeader::MIGRATE_SYN_ACK:
        return "Migrate SYN/ACK";
    }
    return "?";
}

/// The DNS port (the rendezvous server's default).
constexpr uint16_t DNS_PORT = 53;

/**
 * \brief Name a DNS message from its header's flags (RFC 1035 4.1.1): an
 *        UPDATE (RFC 2136) or a query, and whether it is the response.
 * \param message the UDP payload
 * \return the name ("" if shorter than a DNS header)
 */
std::string
DnsMessageName(Ptr<const Packet> message)
{
    uint8_t header[3];
    if (message->GetSize() < 12 || message->CopyData(header, sizeof(header)) != sizeof(header))
    {
        return "";
    }
    const bool response = header[2] & 0x80;
    const bool update = ((header[2] >> 3) & 0x0f) == 5;
    return std::string(update ? "DNS UPDATE" : "DNS query") + (response ? " response" : "");
}

/// The IP protocol number of TCP.
constexpr uint8_t PROTOCOL_TCP = 6;
/// The IP protocol number of UDP.
constexpr uint8_t PROTOCOL_UDP = 17;
/// The IPv6 next-header number of ICMPv6.
constexpr uint8_t PROTOCOL_ICMPV6 = 58;

/**
 * \brief Whether a TCP segment may carry a control message: only one with
 *        URG (or SYN: TCP Migrate's) can, so its flags byte is read before
 *        the packet is copied (nearly every packet is data or an ACK).
 * \param packet the IP packet
 * \param ipSize its IP header's size
 * \return whether the segment has URG or SYN
 */
bool
MayCarryControl(Ptr<const Packet> packet, uint32_t ipSize)
{
    uint8_t head[60 + MobilityDemux::TCP_FLAGS_OFFSET + 1];
    uint32_t size = ipSize + MobilityDemux::TCP_FLAGS_OFFSET + 1;
    return size <= sizeof(head) && packet->CopyData(head, size) == size &&
           (head[size - 1] & (TcpHeader::URG | TcpHeader::SYN));
}

/**
 * \param udp a UDP datagram (its header first)
 * \return the name of the signalling message it carries, or ""
 */
std::string
UdpMessageName(Ptr<Packet> udp)
{
    UdpHeader header;
    udp->RemoveHeader(header);
    if (header.GetSourcePort() == SipUserAgent::DEFAULT_PORT ||
        header.GetDestinationPort() == SipUserAgent::DEFAULT_PORT)
    {
        std::string text(udp->GetSize(), '\0');
        udp->CopyData(reinterpret_cast<uint8_t*>(text.data()), text.size());
        return SipMessageName(text);
    }
    if (header.GetDestinationPort() == 67 || header.GetDestinationPort() == 68)
    {
        return SignallingClassifier::DHCP;
    }
    if (header.GetSourcePort() == DNS_PORT || header.GetDestinationPort() == DNS_PORT)
    {
        return DnsMessageName(udp);
    }
    // A mobility daemon's control message over UDP.
    MobilityControlHeader::MessageType type;
    uint64_t token;
    if (MobilityControlHeader::PeekEnvelope(udp, type, token))
    {
        return std::string("UDP ") + ControlMessageName(type);
    }
    return "";
}

/**
 * \param tcp a TCP segment (its header first)
 * \return the name of the control message it carries, or ""
 */
std::string
TcpMessageName(Ptr<Packet> tcp)
{
    TcpHeader header;
    tcp->RemoveHeader(header);
    MobilityControlHeader::MessageType type;
    uint64_t token;
    std::vector<uint8_t> option;
    if (MobilityControlHeader::PeekEnvelope(tcp, type, token))
    {
        return ControlMessageName(type);
    }
    if (MigrateOption::Find(header, option))
    {
        auto fields = MigrateOption::Decode(option);
        return fields ? ControlMessageName(fields->type) : "";
    }
    return "";
}

/**
 * \param icmp an ICMPv6 message
 * \param source the IPv6 source address
 * \return "RS", "RA", "DAD NS", or "" for any other message
 */
std::string
Icmpv6MessageName(Ptr<const Packet> icmp, const Ipv6Address& source)
{
    uint8_t type = 0;
    if (icmp->CopyData(&type, 1) != 1)
    {
        return "";
    }
    switch (type)
    {
    case Icmpv6Header::ICMPV6_ND_ROUTER_SOLICITATION:
        return SignallingClassifier::ROUTER_SOLICITATION;
    case Icmpv6Header::ICMPV6_ND_ROUTER_ADVERTISEMENT:
        return SignallingClassifier::ROUTER_ADVERTISEMENT;
    case Icmpv6Header::ICMPV6_ND_NEIGHBOR_SOLICITATION:
        // From "::" only while the address is tentative (RFC 4862 5.4.2).
        return source.IsAny() ? SignallingClassifier::DAD_SOLICITATION : "";
    default:
        return "";
    }
}

/**
 * \brief Name what an IP packet of either family carries, after its header.
 * \param packet the IP packet
 * \param ipSize its IP header's size
 * \param protocol the protocol after it
 * \return the name, or ""
 */
std::string
TransportMessageName(Ptr<const Packet> packet, uint32_t ipSize, uint8_t protocol)
{
    if (protocol == PROTOCOL_TCP && !MayCarryControl(packet, ipSize))
    {
        return "";
    }
    if (protocol != PROTOCOL_TCP && protocol != PROTOCOL_UDP)
    {
        return "";
    }
    Ptr<Packet> copy = packet->CreateFragment(ipSize, packet->GetSize() - ipSize);
    return protocol == PROTOCOL_UDP ? UdpMessageName(copy) : TcpMessageName(copy);
}
} // namespace

std::string
SignallingClassifier::Name(Ptr<const Packet> packet)
{
    Ipv4Header ip;
    uint32_t ipSize = packet->PeekHeader(ip);
    return TransportMessageName(packet, ipSize, ip.GetProtocol());
}

std::string
SignallingClassifier::Name6(Ptr<const Packet> packet)
{
    Ipv6Header ip;
    uint32_t ipSize = packet->PeekHeader(ip);
    if (ip.GetNextHeader() == PROTOCOL_ICMPV6)
    {
        return Icmpv6MessageName(packet->CreateFragment(ipSize, packet->GetSize() - ipSize),
                                 ip.GetSource());
    }
    return TransportMessageName(packet, ipSize, ip.GetNextHeader());
}

bool
SignallingClassifier::IsAddressAcquisition(const std::string& name)
{
    return name == DHCP || name == ROUTER_SOLICITATION || name == ROUTER_ADVERTISEMENT ||
           name == DAD_SOLICITATION;
}

} // namespace ns3
