/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBISOCKET_NS3_COMPAT_H
#define MOBISOCKET_NS3_COMPAT_H

/**
 * \file
 * \ingroup mobisocket
 * The differences between the ns-3 releases the module builds against
 * (3.35 with waf, 3.37 as Debian packages it and in-tree, 3.48 in-tree), in
 * one place, chosen at compile time. Each names the ns-3 change behind it
 * (ns-3's CHANGES.md). The TCB relocation unit (relocatable-tcp-socket.cc)
 * has its own, longer list: the TcpSocketBase fields it copies.
 *
 * MOBISOCKET_NS3_VERSION is 100 * major + minor of the ns-3 being built
 * against (337 for ns-3.37, 348 for ns-3.48); the build defines it
 * (CMakeLists.txt from find_package(ns3) or the tree's VERSION file,
 * wscript from the tree's version).
 */

#include "ns3/basic-energy-source.h"
#include "ns3/callback.h"
#include "ns3/device-energy-model.h"
#include "ns3/energy-source.h"
#include "ns3/enum.h"
#include "ns3/event-id.h"
#include "ns3/event-impl.h"
#include "ns3/simulator.h"

#include <utility>

#ifndef MOBISOCKET_NS3_VERSION
#error "MOBISOCKET_NS3_VERSION is not defined: build the module through CMakeLists.txt or wscript"
#endif

namespace ns3
{

/**
 * \brief Is an event still to run?
 *
 * ns-3.42 deprecated EventId::IsRunning() for IsPending() (CHANGES.md,
 * "Changes from ns-3.41 to ns-3.42"); later releases removed it.
 * \param event the event
 * \return true if it is scheduled and neither run nor cancelled yet
 */
inline bool
IsEventPending(const EventId& event)
{
#if MOBISOCKET_NS3_VERSION >= 342
    return event.IsPending();
#else
    return event.IsRunning();
#endif
}

/**
 * \brief The accessor of an enum attribute.
 *
 * ns-3.41 made EnumValue support enum classes, and MakeEnumAccessor takes
 * the enum type as its first template argument since (CHANGES.md, "Changes
 * from ns-3.40 to ns-3.41").
 * \tparam E the enum type
 * \tparam M the member (or getter/setter) pointer type
 * \param member the member
 * \return the accessor
 */
template <class E, class M>
Ptr<const AttributeAccessor>
MakeEnumAccessorOf(M member)
{
#if MOBISOCKET_NS3_VERSION >= 341
    return MakeEnumAccessor<E>(member);
#else
    return MakeEnumAccessor(member);
#endif
}

#if MOBISOCKET_NS3_VERSION < 336
namespace compat
{
/**
 * \brief A function object that ns-3.35's FunctorCallbackImpl can hold.
 *
 * Its IsEqual compares the functors with !=, which a lambda does not have;
 * this one is equal only to itself (the same callback), as a lambda
 * callback is since ns-3.36.
 * \tparam F the lambda's type
 */
template <class F>
struct ComparableFunctor
{
    F function; //!< the lambda

    /**
     * \brief Calls the lambda.
     * \tparam Args the argument types
     * \param args the arguments
     * \return what the lambda returns
     */
    template <class... Args>
    auto operator()(Args&&... args) -> decltype(function(std::forward<Args>(args)...))
    {
        return function(std::forward<Args>(args)...);
    }

    /**
     * \param other another functor
     * \return whether it is not this one
     */
    bool operator!=(const ComparableFunctor& other) const
    {
        return this != &other;
    }
};
} // namespace compat
#endif

/**
 * \brief A Callback that runs a lambda (or any function object).
 *
 * ns-3.36 reimplemented Callback on std::function, with a constructor from
 * any callable (CHANGES.md, "Changes from ns-3.35 to ns-3.36"); ns-3.35 has
 * only the (functor, bool, bool) constructor, whose functor must support !=.
 * \tparam R the return type
 * \tparam Args the argument types
 * \tparam F the lambda's type
 * \param function the lambda
 * \return the callback
 */
template <class R, class... Args, class F>
Callback<R, Args...>
MakeLambdaCallback(F function)
{
#if MOBISOCKET_NS3_VERSION >= 336
    return Callback<R, Args...>(std::move(function));
#else
    return Callback<R, Args...>(compat::ComparableFunctor<F>{std::move(function)}, true, true);
#endif
}

#if MOBISOCKET_NS3_VERSION < 336
namespace compat
{
/**
 * \brief An event that runs a lambda, for ns-3.35's Simulator.
 * \tparam F the lambda's type
 */
template <class F>
class LambdaEvent : public EventImpl
{
  public:
    /**
     * \param function the lambda
     */
    explicit LambdaEvent(F function)
        : m_function(std::move(function))
    {
    }

  protected:
    void Notify() override
    {
        m_function();
    }

  private:
    F m_function; //!< the lambda
};
} // namespace compat
#endif

/**
 * \brief Schedules a lambda (or any function object without arguments).
 *
 * ns-3.36 made Simulator::Schedule accept any callable (CHANGES.md, "Changes
 * from ns-3.35 to ns-3.36"); ns-3.35 takes only function and member
 * pointers, or an EventImpl.
 * \tparam F the lambda's type
 * \param delay when, from now
 * \param function the lambda
 * \return the event
 */
template <class F>
EventId
ScheduleLambda(const Time& delay, F function)
{
#if MOBISOCKET_NS3_VERSION >= 336
    return Simulator::Schedule(delay, std::move(function));
#else
    return Simulator::Schedule(delay,
                               Ptr<EventImpl>(Create<compat::LambdaEvent<F>>(std::move(function))));
#endif
}

#if MOBISOCKET_NS3_VERSION < 342
/**
 * The energy framework's classes under the name they have since ns-3.42,
 * whose energy module moved into namespace ns3::energy (CHANGES.md,
 * "Changes from ns-3.41 to ns-3.42"): the module spells them energy::X.
 */
namespace energy
{
using ns3::BasicEnergySource;
using ns3::DeviceEnergyModel;
using ns3::EnergySource;
} // namespace energy
#endif

} // namespace ns3

/**
 * Object subclasses declare GetInstanceTypeId() only where ns-3 lets them:
 * since ns-3.45 Object::GetInstanceTypeId() is final and reports the
 * TypeId the object was created with (CHANGES.md, "Changes from ns-3.44 to
 * ns-3.45"); before, a TcpSocketBase subclass had to override it or be
 * reported (and configured) as a TcpSocketBase.
 */
#define MOBISOCKET_OBJECT_OVERRIDES_INSTANCE_TYPE_ID (MOBISOCKET_NS3_VERSION < 345)

#endif /* MOBISOCKET_NS3_COMPAT_H */
