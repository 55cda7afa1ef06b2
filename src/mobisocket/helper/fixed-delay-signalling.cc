/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fixed-delay-signalling.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/ns3-compat.h"
#include "ns3/simulator.h"

#include <memory>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketFixedDelaySignalling");

bool
TrustingAuthenticator::CanAuthenticate() const
{
    return true;
}

Time
TrustingAuthenticator::Authenticate(MobilityControlHeader& /* message */)
{
    return Seconds(0);
}

AuthenticityVerdict
TrustingAuthenticator::Check(const MobilityControlHeader& /* message */)
{
    AuthenticityVerdict verdict;
    verdict.authentic = true;
    return verdict;
}

// ---------------------------------------------------------------------------------------------

FixedDelaySignalling::End::End() = default;

FixedDelaySignalling::End::~End()
{
    if (exchange)
    {
        exchange->Dispose();
    }
}

bool
FixedDelaySignalling::End::CanRelocate() const
{
    return socket->IsMobilityActive();
}

uint64_t
FixedDelaySignalling::End::GetExchangeToken() const
{
    return socket->GetToken();
}

IpAddress
FixedDelaySignalling::End::GetExchangeLocalAddress() const
{
    return socket->GetLocalAddress();
}

uint16_t
FixedDelaySignalling::End::GetExchangeLocalPort() const
{
    return socket->GetLocalPort();
}

IpAddress
FixedDelaySignalling::End::GetExchangePeerAddress() const
{
    return socket->GetPeerAddress();
}

bool
FixedDelaySignalling::End::MovePeer(const AddressUpdateHeader& update)
{
    return socket->UpdateTcb(MobiSocket::DESTINATION,
                             update.GetNewAddress().ToSocketAddress(update.GetNewPort())) == 0;
}

void
FixedDelaySignalling::End::ChangeCompleted(bool restart)
{
    if (restart)
    {
        socket->ResetTimer();
    }
}

void
FixedDelaySignalling::End::SendUpdate(const AddressUpdateHeader& message)
{
    auto copy = std::make_shared<AddChangeHeader>(dynamic_cast<const AddChangeHeader&>(message));
    Ptr<ChangeExchange> to = peer->exchange;
    ScheduleLambda(delay, [to, copy]() { to->ReceiveUpdate(*copy, {}); });
}

void
FixedDelaySignalling::End::SendConfirm(const AddressConfirmHeader& message)
{
    // The delay is the whole signalling time: the mover learns at once that
    // the peer has its new address.
    auto copy = std::make_shared<AddConfirmHeader>(dynamic_cast<const AddConfirmHeader&>(message));
    Ptr<ChangeExchange> to = peer->exchange;
    ScheduleLambda(Seconds(0), [to, copy]() { to->ReceiveConfirm(*copy, {}); });
}

Time
FixedDelaySignalling::End::GetConfirmationTimeout(uint32_t /* transmissions */) const
{
    return Seconds(1e6); // the ideal channel loses nothing: no retransmission
}

uint32_t
FixedDelaySignalling::End::GetMaxRetransmissions() const
{
    return 0;
}

bool
FixedDelaySignalling::End::RetransmitsItself() const
{
    return true;
}

// ---------------------------------------------------------------------------------------------

FixedDelaySignalling::FixedDelaySignalling(Ptr<MobiSocket> mh,
                                           Ptr<MobiSocket> ch,
                                           Time delay,
                                           bool resetTimer)
{
    for (Host host : HOSTS)
    {
        End& end = m_ends[IndexOf(host)];
        end.socket = host == Host::MH ? mh : ch;
        end.peer = &m_ends[IndexOf(PeerOf(host))];
        end.delay = delay;
        end.exchange = CreateObject<ChangeExchange>();
        end.exchange->SetConnection(&end);
        end.exchange->SetTransport(&end);
        end.exchange->SetMessageType(MobilityControlHeader::ADD_CHANGE);
        end.exchange->SetAuthenticator(Create<TrustingAuthenticator>());
        end.exchange->SetResetTimer(resetTimer);
        end.exchange->SetAddressKnownToPeer(end.socket->GetLocalAddress());
    }
}

void
FixedDelaySignalling::AddressChanged(Host host, const IpAddress& address)
{
    End& end = m_ends[IndexOf(host)];
    if (end.socket->UpdateTcb(MobiSocket::SOURCE, address.ToSocketAddress(0)) != 0)
    {
        NS_LOG_WARN(host << ": UpdateTcb(SOURCE, " << address << ") failed, errno "
                         << end.socket->GetErrno());
        end.exchange->ReportFailure(0, ChangeFailReason::UPDATE_REFUSED);
        return;
    }
    end.exchange->Announce();
}

Ptr<ChangeExchange>
FixedDelaySignalling::GetExchange(Host host) const
{
    return m_ends[IndexOf(host)].exchange;
}

Ptr<MobiSocket>
FixedDelaySignalling::GetSocket(Host host) const
{
    return m_ends[IndexOf(host)].socket;
}

} // namespace ns3
