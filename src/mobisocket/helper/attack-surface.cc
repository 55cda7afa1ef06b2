/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "attack-surface.h"

#include "ns3/migrate-option.h"
#include "ns3/signalling-tcp-socket.h"
#include "ns3/sip-body.h"
#include "ns3/sip-message.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-option-experimental.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"

#include <algorithm>
#include <memory>
#include <sstream>

namespace ns3
{

namespace
{

/**
 * \param ip an IP header seen on the path
 * \param l4 its payload
 * \param[out] tcp the TCP header, if it is a TCP segment
 * \return the segment's payload, or null if it is not a TCP segment
 */
Ptr<Packet>
ReadTcp(const Ipv4Header& ip, Ptr<const Packet> l4, TcpHeader& tcp)
{
    if (ip.GetProtocol() != TcpL4Protocol::PROT_NUMBER)
    {
        return nullptr;
    }
    Ptr<Packet> payload = l4->Copy();
    return payload->RemoveHeader(tcp) == 0 ? nullptr : payload;
}

/**
 * \param flags the segment's flags
 * \param sourcePort the attacker's port
 * \param knowledge where it goes (the victim's port)
 * \return the header of a segment from the attacker to the victim
 */
TcpHeader
AttackerHeader(uint8_t flags, uint16_t sourcePort, const AttackKnowledge& knowledge)
{
    TcpHeader header;
    header.SetFlags(flags);
    header.SetSourcePort(sourcePort);
    header.SetDestinationPort(knowledge.victimPort);
    header.SetWindowSize(65535);
    return header;
}

} // namespace

AttackSurface::AttackSurface(MobilityControlHeader::MessageType updateType)
    : m_updateType(updateType)
{
}

AttackSurface::~AttackSurface() = default;

MobilityControlHeader::MessageType
AttackSurface::GetUpdateType() const
{
    return m_updateType;
}

bool
AttackSurface::CanAddress(const AttackKnowledge& knowledge) const
{
    return knowledge.token != 0;
}

bool
AttackSurface::LearnToken(const TcpHeader& tcp, uint16_t exid, AttackKnowledge& knowledge)
{
    uint8_t flags = tcp.GetFlags();
    if (!(flags & TcpHeader::SYN))
    {
        return false;
    }
    uint32_t nonce = SignallingTcpSocket::ReadNegotiationNonce(tcp, exid);
    uint64_t token = knowledge.token;
    token = (flags & TcpHeader::ACK) ? SignallingTcpSocket::MakeToken(token >> 32, nonce)
                                     : SignallingTcpSocket::MakeToken(nonce, 0);
    knowledge.token = nonce == 0 ? 0 : token;
    return true;
}

void
AttackSurface::Learn(Ptr<const Packet> message, Ipv4Address from, AttackKnowledge& knowledge) const
{
    MobilityControlHeader::MessageType type;
    uint64_t token = 0;
    if (!MobilityControlHeader::PeekEnvelope(message, type, token))
    {
        return;
    }
    knowledge.token = token;
    if (type != m_updateType)
    {
        return;
    }
    std::unique_ptr<AddressUpdateHeader> update = AddressUpdateHeader::Create(type);
    if (message->PeekHeader(*update) == 0 || !update->IsWellFormed())
    {
        return;
    }
    Capture(*update, message, from, knowledge);
}

void
AttackSurface::Capture(const AddressUpdateHeader& update,
                       Ptr<const Packet> message,
                       Ipv4Address from,
                       AttackKnowledge& knowledge)
{
    knowledge.token = update.GetToken();
    knowledge.lastSequence = std::max(knowledge.lastSequence, update.GetSequence());
    knowledge.capturedUpdate = message->Copy();
    knowledge.capturedFrom = from;
}

// ---------------------------------------------------------------------------------------------

TcpControlSurface::TcpControlSurface(MobilityControlHeader::MessageType updateType, uint16_t exid)
    : AttackSurface(updateType),
      m_exid(exid)
{
}

std::string
TcpControlSurface::GetName() const
{
    return "tcp-control-segment";
}

void
TcpControlSurface::Observe(const Ipv4Header& ip,
                           Ptr<const Packet> l4,
                           AttackKnowledge& knowledge) const
{
    TcpHeader tcp;
    Ptr<Packet> payload = ReadTcp(ip, l4, tcp);
    if (!payload || LearnToken(tcp, m_exid, knowledge))
    {
        return;
    }
    if ((tcp.GetFlags() & TcpHeader::URG) && payload->GetSize() > 0)
    {
        Learn(payload, ip.GetSource(), knowledge);
    }
}

void
TcpControlSurface::Send(Ptr<Node> attacker,
                        Ptr<Packet> message,
                        Ipv4Address source,
                        uint16_t sourcePort,
                        const AttackKnowledge& knowledge)
{
    // As SignallingTcpSocket sends its control segments: URG|ACK, the urgent
    // pointer covering the message.
    TcpHeader header = AttackerHeader(TcpHeader::ACK | TcpHeader::URG, sourcePort, knowledge);
    header.SetUrgentPointer(static_cast<uint16_t>(message->GetSize()));
    attacker->GetObject<TcpL4Protocol>()->SendPacket(message,
                                                     header,
                                                     source,
                                                     knowledge.victimAddress);
}

// ---------------------------------------------------------------------------------------------

MigrateSynSurface::MigrateSynSurface()
    : AttackSurface(MobilityControlHeader::MIGRATE_SYN)
{
}

std::string
MigrateSynSurface::GetName() const
{
    return "migrate-syn-option";
}

void
MigrateSynSurface::Observe(const Ipv4Header& ip,
                           Ptr<const Packet> l4,
                           AttackKnowledge& knowledge) const
{
    TcpHeader tcp;
    if (!ReadTcp(ip, l4, tcp))
    {
        return;
    }
    std::vector<uint8_t> option;
    if (!MigrateOption::Find(tcp, option))
    {
        LearnToken(tcp, MigrateOption::PERMITTED_EXID, knowledge);
        return;
    }
    std::optional<MigrateOption::Fields> fields = MigrateOption::Decode(option);
    if (!fields)
    {
        return;
    }
    if (fields->type != GetUpdateType())
    {
        knowledge.token = fields->token; // a SYN/ACK: the token only
        return;
    }
    // As the receiver rebuilds it (TcpMigrateSocket::ReceiveOtherControl):
    // the new address and port are the segment's source.
    std::unique_ptr<AddressUpdateHeader> update = AddressUpdateHeader::Create(GetUpdateType());
    MigrateOption::Fill(*fields, *update);
    update->SetNewAddress(ip.GetSource());
    update->SetNewPort(tcp.GetSourcePort());
    update->SetOldAddress(knowledge.moverAddress);
    // Not through Learn(): a Migrate message never travels in the envelope
    // that MobilityControlHeader::PeekEnvelope reads.
    Capture(*update, update->ToPacket(), ip.GetSource(), knowledge);
}

void
MigrateSynSurface::Send(Ptr<Node> attacker,
                        Ptr<Packet> message,
                        Ipv4Address source,
                        uint16_t sourcePort,
                        const AttackKnowledge& knowledge)
{
    std::unique_ptr<AddressUpdateHeader> update = AddressUpdateHeader::Create(GetUpdateType());
    if (message->PeekHeader(*update) == 0)
    {
        return;
    }
    TcpHeader header = AttackerHeader(TcpHeader::SYN, sourcePort, knowledge);
    header.AppendOption(
        CreateObject<TcpOptionExperimental>(MigrateOption::EXID, MigrateOption::Encode(*update)));
    attacker->GetObject<TcpL4Protocol>()->SendPacket(Create<Packet>(),
                                                     header,
                                                     source,
                                                     knowledge.victimAddress);
}

// ---------------------------------------------------------------------------------------------

DaemonDatagramSurface::DaemonDatagramSurface(uint16_t port)
    : AttackSurface(MobilityControlHeader::REDIRECT_REQUEST),
      m_port(port)
{
}

std::string
DaemonDatagramSurface::GetName() const
{
    return "daemon-datagram";
}

void
DaemonDatagramSurface::Observe(const Ipv4Header& ip,
                               Ptr<const Packet> l4,
                               AttackKnowledge& knowledge) const
{
    if (ip.GetProtocol() != UdpL4Protocol::PROT_NUMBER)
    {
        return;
    }
    Ptr<Packet> copy = l4->Copy();
    UdpHeader udp;
    if (copy->RemoveHeader(udp) == 0 || udp.GetDestinationPort() != m_port)
    {
        return;
    }
    Learn(copy, ip.GetSource(), knowledge);
}

void
DaemonDatagramSurface::Send(Ptr<Node> attacker,
                            Ptr<Packet> message,
                            Ipv4Address source,
                            uint16_t /* sourcePort */,
                            const AttackKnowledge& knowledge)
{
    attacker->GetObject<UdpL4Protocol>()->Send(message,
                                               source,
                                               knowledge.victimAddress,
                                               m_port,
                                               m_port);
}

// ---------------------------------------------------------------------------------------------

SipInfoSurface::SipInfoSurface(const std::string& victimAor,
                               const std::string& moverAor,
                               uint16_t port,
                               uint16_t exid)
    : AttackSurface(MobilityControlHeader::ADD_CHANGE),
      m_victimAor(victimAor),
      m_moverAor(moverAor),
      m_port(port),
      m_exid(exid)
{
}

std::string
SipInfoSurface::GetName() const
{
    return "sip-info";
}

bool
SipInfoSurface::CanAddress(const AttackKnowledge& knowledge) const
{
    const SipDialogKnowledge& dialog = knowledge.dialog;
    return AttackSurface::CanAddress(knowledge) && !dialog.callId.empty() &&
           !dialog.moverTag.empty() && !dialog.victimTag.empty();
}

void
SipInfoSurface::Observe(const Ipv4Header& ip,
                        Ptr<const Packet> l4,
                        AttackKnowledge& knowledge) const
{
    Ptr<Packet> copy = l4->Copy();
    if (ip.GetProtocol() == TcpL4Protocol::PROT_NUMBER)
    {
        TcpHeader tcp;
        if (copy->RemoveHeader(tcp) != 0)
        {
            LearnToken(tcp, m_exid, knowledge);
        }
        return;
    }
    UdpHeader udp;
    if (ip.GetProtocol() != UdpL4Protocol::PROT_NUMBER || copy->RemoveHeader(udp) == 0 ||
        (udp.GetSourcePort() != m_port && udp.GetDestinationPort() != m_port))
    {
        return;
    }
    std::string text(copy->GetSize(), '\0');
    copy->CopyData(reinterpret_cast<uint8_t*>(text.data()), text.size());
    ObserveSip(text, ip.GetSource(), knowledge);
}

void
SipInfoSurface::ObserveSip(const std::string& text,
                           Ipv4Address from,
                           AttackKnowledge& knowledge) const
{
    SipMessage message = SipMessage::Parse(text);
    if (!message.IsValid())
    {
        return;
    }
    std::string fromAor = SipMessage::GetAor(message.GetFromUri());
    bool moverFirst = fromAor == m_moverAor;
    if (!moverFirst && fromAor != m_victimAor)
    {
        return; // another user's message
    }
    SipDialogKnowledge& dialog = knowledge.dialog;
    if (message.GetCSeqMethod() == "INVITE")
    {
        // The caller's tag is the From tag; the callee's comes in its answers' To.
        dialog.callId = message.GetCallId();
        std::string& fromTag = moverFirst ? dialog.moverTag : dialog.victimTag;
        std::string& toTag = moverFirst ? dialog.victimTag : dialog.moverTag;
        fromTag = message.GetFromTag();
        toTag = message.GetToTag().empty() ? toTag : message.GetToTag();
        return;
    }
    if (!message.IsRequest() || message.GetMethod() != "INFO")
    {
        return;
    }
    AddChangeHeader change;
    AddConfirmHeader confirm;
    std::string type = message.GetContentType();
    if (type == SipInfoBody::ADD_CHANGE_TYPE && moverFirst &&
        SipInfoBody::Decode(message.GetBody(), change))
    {
        Learn(change.ToPacket(), from, knowledge);
    }
    else if (type == SipInfoBody::ADD_CONFIRM_TYPE &&
             SipInfoBody::Decode(message.GetBody(), confirm))
    {
        Learn(confirm.ToPacket(), from, knowledge); // the token
    }
}

void
SipInfoSurface::Send(Ptr<Node> attacker,
                     Ptr<Packet> message,
                     Ipv4Address source,
                     uint16_t /* sourcePort */,
                     const AttackKnowledge& knowledge)
{
    AddChangeHeader change;
    if (message->PeekHeader(change) == 0)
    {
        return;
    }
    // Off the path: a dialog made up from the guessed token.
    std::ostringstream guess;
    guess << std::hex << change.GetToken();
    auto known = [&guess](const std::string& value) { return value.empty() ? guess.str() : value; };
    const SipDialogKnowledge& dialog = knowledge.dialog;
    std::string host = SipInfoBody::FormatHost(source);
    ++m_requests;
    SipMessage info = SipMessage::CreateRequest("INFO", m_victimAor);
    info.PushVia(host, m_port, "z9hG4bK-forged-" + std::to_string(m_requests));
    info.SetFrom(m_moverAor, known(dialog.moverTag));
    info.SetTo(m_victimAor, known(dialog.victimTag));
    info.SetCallId(known(dialog.callId));
    info.SetCSeq(m_requests, "INFO");
    info.SetMaxForwards(70);
    info.SetContact(SipMessage::MakeUri(SipMessage::GetUriUser(m_moverAor), host, m_port));
    info.SetHeader("Info-Package", SipInfoBody::INFO_PACKAGE);
    info.SetBody(SipInfoBody::ADD_CHANGE_TYPE, SipInfoBody::Encode(change));
    std::string text = info.ToString();
    Ptr<Packet> datagram =
        ns3::Create<Packet>(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    attacker->GetObject<UdpL4Protocol>()->Send(datagram,
                                               source,
                                               knowledge.victimAddress,
                                               m_port,
                                               m_port);
}

} // namespace ns3
